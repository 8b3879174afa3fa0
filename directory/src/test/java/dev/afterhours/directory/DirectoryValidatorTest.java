package dev.afterhours.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.DayOfWeek;
import dev.afterhours.contracts.EscalationLevel;
import dev.afterhours.contracts.EscalationPolicy;
import dev.afterhours.contracts.NotificationChannel;
import dev.afterhours.contracts.QuietWindow;
import dev.afterhours.contracts.RestrictionWindow;
import dev.afterhours.contracts.Rotation;
import dev.afterhours.contracts.RotationLayer;
import dev.afterhours.contracts.SlaClock;
import dev.afterhours.contracts.SlaPolicy;
import dev.afterhours.contracts.SlaTarget;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.StaffTimeOff;
import dev.afterhours.contracts.SupportCalendar;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.contracts.WeeklyWindow;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectoryValidatorTest {

    private static ClientProfile clientWithTarget(String target, SlaClock clock) {
        return ClientProfile.newBuilder()
                .setClientId("acme")
                .setName("Acme")
                .setAccountManagerId("alice")
                .setCalendar(SupportCalendar.newBuilder().setZone("UTC")
                        .setWindows(List.of(new WeeklyWindow(DayOfWeek.MONDAY, "09:00", "17:00"))).build())
                .setSlaPolicy(SlaPolicy.newBuilder().setWarnAtPercent(75).setTargets(List.of(
                        SlaTarget.newBuilder().setUrgency(Urgency.NORMAL).setTarget("PT4H").setClock(SlaClock.BUSINESS).build(),
                        SlaTarget.newBuilder().setUrgency(Urgency.EMERGENCY).setTarget(target).setClock(clock).build()))
                        .build())
                .build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT2562047788015215H", "P999999999D", "P367D", "PT8785H"})
    void aTargetNoDueTimeCanBeComputedForIsRefusedNamingTheField(String target) {
        assertThat(DirectoryValidator.problems(clientWithTarget(target, SlaClock.CALENDAR)))
                .singleElement().asString()
                .startsWith("slaPolicy.targets[1].target: must be at most 366 days")
                .endsWith("was " + java.time.Duration.parse(target));
    }

    @ParameterizedTest
    @ValueSource(strings = {"P366D", "PT8784H", "PT15M"})
    void targetsUpToAYearAreAccepted(String target) {
        assertThat(DirectoryValidator.problems(clientWithTarget(target, SlaClock.CALENDAR))).isEmpty();
        assertThat(DirectoryValidator.problems(clientWithTarget(target, SlaClock.BUSINESS))).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void phoneLinesAreE164OnceEachAndNeverAlsoAnEmergencyLine() {
        ClientProfile client = clientWithTarget("PT15M", SlaClock.CALENDAR);
        client.setEmergencyLines(List.of("+1 555 019 9911"));
        client.setPhoneLines(List.of("+15550100100", "555-0100", "+15550100100", "+15550199911"));

        assertThat(DirectoryValidator.problems(client)).containsExactly(
                "phoneLines[1]: '555-0100' is not an E.164 number like +15551234567",
                "phoneLines[2]: +15550100100 is listed twice",
                "phoneLines[3]: +15550199911 is also one of emergencyLines; a line is either routine or for emergencies");

        client.setPhoneLines(List.of("+15550100100"));
        assertThat(DirectoryValidator.problems(client)).isEmpty();
    }

    private static EscalationPolicy policyRepeating(int repeat, List<String> finalStaffIds) {
        return EscalationPolicy.newBuilder().setPolicyId("p").setName("P")
                .setLevels(List.of(EscalationLevel.newBuilder().setStaffIds(List.of("alice")).build()))
                .setRepeat(repeat).setFinalStaffIds(finalStaffIds).build();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 11, 1_000})
    void aPolicyRepeatsAtMostTenTimes(int repeat) {
        assertThat(DirectoryValidator.problems(policyRepeating(repeat, List.of()))).singleElement().asString()
                .isEqualTo("repeat: must be between 0 and 10, was " + repeat);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 10})
    void aPolicyWithRepeatsAndAFinalPersonIsAccepted(int repeat) {
        assertThat(DirectoryValidator.problems(policyRepeating(repeat, List.of("duty-manager")))).isEmpty();
        assertThat(DirectoryValidator.problems(policyRepeating(repeat, List.of(" ")))).singleElement().asString()
                .startsWith("finalStaffIds[0]");
    }

    private static Rotation layered(String zone, String start, int rotationDays, List<RestrictionWindow> windows) {
        return Rotation.newBuilder().setRotationId("follow-the-sun").setName("Follow the sun").setZone(zone)
                .setLayers(List.of(RotationLayer.newBuilder().setName("berlin").setMembers(List.of("alice", "bob"))
                        .setStart(start).setRotationDays(rotationDays).setRestrictions(windows).build()))
                .build();
    }

    @org.junit.jupiter.api.Test
    void aLayeredRotationIsCheckedByTheScheduleEngineNamingTheField() {
        List<RestrictionWindow> nights = List.of(new RestrictionWindow(List.of(DayOfWeek.MONDAY), "18:00", "09:00"));
        assertThat(DirectoryValidator.problems(layered("Europe/Berlin", "2026-01-05T09:00", 7, nights))).isEmpty();
        assertThat(DirectoryValidator.problems(layered("Mars/Olympus", "2026-01-05T09:00", 7, nights)))
                .singleElement().asString().startsWith("zone: 'Mars/Olympus' is not a time zone id");
        assertThat(DirectoryValidator.problems(layered(null, "2026-01-05T09:00", 7, nights)))
                .singleElement().asString().startsWith("zone: a schedule of layers needs a zone");
        assertThat(DirectoryValidator.problems(layered("Europe/Berlin", "next monday", 7, nights)))
                .singleElement().asString().startsWith("layers[0].start: 'next monday' is not a local date-time");
        assertThat(DirectoryValidator.problems(layered("Europe/Berlin", "2026-01-05T09:00", 0, nights)))
                .singleElement().asString().startsWith("layers[0].rotationDays: must be between 1 and 366");
        assertThat(DirectoryValidator.problems(layered("Europe/Berlin", "2026-01-05T09:00", 7,
                List.of(new RestrictionWindow(List.of(DayOfWeek.MONDAY), "25:00", "09:00")))))
                .singleElement().asString().startsWith("layers[0].restrictions[0]");
    }

    private static StaffMember.Builder dora() {
        return StaffMember.newBuilder().setStaffId("dora").setName("Dora").setZone("Europe/Berlin")
                .setEmail("dora@agency.example").setWebhookUrl("https://pager.example/dora");
    }

    private static QuietWindow quiet(String from, String to, DayOfWeek... days) {
        return QuietWindow.newBuilder().setDays(List.of(days)).setFrom(from).setTo(to).build();
    }

    @org.junit.jupiter.api.Test
    void quietHoursByDayOfWeekAreAccepted() {
        StaffMember dora = dora().setQuietHours(List.of(
                        quiet("22:00", "07:00", DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY),
                        quiet("00:00", "00:00", DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)))
                .setWakeChannels(List.of(NotificationChannel.WEBHOOK)).build();
        assertThat(DirectoryValidator.problems(dora)).isEmpty();
        assertThat(DirectoryValidator.problems(dora().setQuietFrom("21:00").setQuietTo("07:00").build()))
                .as("the older every-day window still validates").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"7:00", "24:00", "07:60", "07:00:00", "seven", ""})
    void aQuietWindowTimeMustBeHhMmNamingTheField(String bad) {
        assertThat(DirectoryValidator.problems(dora().setQuietHours(List.of(quiet("22:00", bad, DayOfWeek.MONDAY))).build()))
                .singleElement().asString().startsWith("quietHours[0].to: '" + bad + "' is not a time of day as HH:mm");
        assertThat(DirectoryValidator.problems(dora().setQuietHours(List.of(quiet("22:00", "07:00", DayOfWeek.MONDAY),
                        quiet(bad, "07:00", DayOfWeek.FRIDAY))).build()))
                .singleElement().asString().startsWith("quietHours[1].from: ");
    }

    @org.junit.jupiter.api.Test
    void workingHoursAreWindowsOfTheClientCalendarShapeNamingTheField() {
        assertThat(DirectoryValidator.problems(dora().setWorkingHours(List.of(
                new dev.afterhours.contracts.WorkingWindow(DayOfWeek.MONDAY, "09:00", "17:30"),
                new dev.afterhours.contracts.WorkingWindow(DayOfWeek.TUESDAY, "13:00", "24:00"))).build())).isEmpty();
        assertThat(DirectoryValidator.problems(dora().setWorkingHours(List.of(
                new dev.afterhours.contracts.WorkingWindow(DayOfWeek.MONDAY, "09:00", "17:30"),
                new dev.afterhours.contracts.WorkingWindow(DayOfWeek.MONDAY, "17:00", "9am"))).build()))
                .singleElement().asString().startsWith("workingHours[1].to: ");
        assertThat(Calendars.workingHours(dora().build())).as("none: the client's calendar stands in").isEmpty();
        assertThat(Calendars.workingHours(dora().setWorkingHours(List.of(
                new dev.afterhours.contracts.WorkingWindow(DayOfWeek.MONDAY, "09:00", "17:30"))).build()).orElseThrow()
                .isOpen(java.time.Instant.parse("2026-12-07T08:30:00Z"))).as("09:30 in Berlin on a Monday").isTrue();
    }

    @org.junit.jupiter.api.Test
    void aPageThresholdComesAfterTheWarning() {
        ClientProfile client = clientWithTarget("PT15M", SlaClock.CALENDAR);
        client.getSlaPolicy().setPageAtPercent(90);
        assertThat(DirectoryValidator.problems(client)).isEmpty();
        client.getSlaPolicy().setPageAtPercent(50);
        assertThat(DirectoryValidator.problems(client)).singleElement().asString()
                .startsWith("slaPolicy.pageAtPercent: must be above warnAtPercent (75)");
        client.getSlaPolicy().setPageAtPercent(100);
        assertThat(DirectoryValidator.problems(client)).singleElement().asString()
                .startsWith("slaPolicy.pageAtPercent: must be between 1 and 99, or 0 for none");
    }

    @org.junit.jupiter.api.Test
    void aQuietWindowNamesItsDaysOnce() {
        assertThat(DirectoryValidator.problems(dora().setQuietHours(List.of(quiet("22:00", "07:00"))).build()))
                .singleElement().asString().startsWith("quietHours[0].days: name at least one day");
        assertThat(DirectoryValidator.problems(dora().setQuietHours(List.of(quiet("22:00", "07:00", DayOfWeek.MONDAY, DayOfWeek.MONDAY))).build()))
                .singleElement().asString().startsWith("quietHours[0].days: a day is named twice");
    }

    @org.junit.jupiter.api.Test
    void anUnknownDayIsRefusedWhenTheRecordIsReadNamingTheField() {
        java.util.Map<String, Object> map = java.util.Map.of("staffId", "dora", "name", "Dora", "zone", "Europe/Berlin",
                "email", "dora@agency.example",
                "quietHours", List.of(java.util.Map.of("days", List.of("MONDAY", "FUNDAY"), "from", "22:00", "to", "07:00")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DirectoryRecords.fromMap(map, StaffMember.class))
                .isInstanceOf(InvalidDirectoryRecordException.class)
                .satisfies(e -> assertThat(((InvalidDirectoryRecordException) e).problems()).singleElement().asString()
                        .startsWith("quietHours[0].days[1]: 'FUNDAY' is not one of [MONDAY"));
    }

    @org.junit.jupiter.api.Test
    void aWakeChannelMustBeOneThePersonHas() {
        assertThat(DirectoryValidator.problems(dora().setWebhookUrl(null)
                        .setWakeChannels(List.of(NotificationChannel.EMAIL, NotificationChannel.WEBHOOK, NotificationChannel.SLACK)).build()))
                .containsExactly("wakeChannels[1]: WEBHOOK cannot wake this person: the person has no webhookUrl",
                        "wakeChannels[2]: SLACK cannot wake this person: the person has no slackUserId");
        assertThat(DirectoryValidator.problems(dora().setWakeChannels(List.of(NotificationChannel.EMAIL, NotificationChannel.EMAIL)).build()))
                .containsExactly("wakeChannels[1]: EMAIL is named twice");
    }

    @org.junit.jupiter.api.Test
    void slackAndVoiceWakeAPersonWithASlackIdAndAPhone() {
        assertThat(DirectoryValidator.problems(dora().setWakeChannels(List.of(NotificationChannel.VOICE)).build()))
                .containsExactly("wakeChannels[0]: VOICE cannot wake this person: the person has no phone");
        assertThat(DirectoryValidator.problems(dora().setPhone("+4930555010").setSlackUserId("U024BE7LH")
                .setWakeChannels(List.of(NotificationChannel.SMS, NotificationChannel.VOICE, NotificationChannel.SLACK)).build()))
                .isEmpty();
        assertThat(DirectoryValidator.problems(dora().setPhone("030 555010").setSlackUserId("bob").build())).containsExactly(
                "phone: '030 555010' is not an E.164 number like +15551234567 (SMS and voice pages go to it, and replies "
                        + "from it are matched to the person)",
                "slackUserId: 'bob' is not a Slack member id like U024BE7LH");
        assertThat(DirectoryValidator.problems(dora().setEmail(null).setSlackUserId("U024BE7LH").build()))
                .as("Slack alone is a channel to be paged on").isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aLevelNamesEachOfItsChannelsOnce() {
        EscalationPolicy policy = EscalationPolicy.newBuilder().setPolicyId("p").setName("P")
                .setLevels(List.of(EscalationLevel.newBuilder().setStaffIds(List.of("alice"))
                        .setChannels(List.of(NotificationChannel.SMS)).build(),
                        EscalationLevel.newBuilder().setStaffIds(List.of("bob"))
                                .setChannels(List.of(NotificationChannel.VOICE, NotificationChannel.VOICE)).build()))
                .build();
        assertThat(DirectoryValidator.problems(policy)).containsExactly("levels[1].channels[1]: VOICE is named twice");
    }

    @org.junit.jupiter.api.Test
    void timeOffMustEndAfterItStartsNamingTheField() {
        java.time.Instant start = java.time.Instant.parse("2026-07-01T00:00:00Z");
        assertThat(DirectoryValidator.problems(dora().setTimeOff(List.of(
                StaffTimeOff.newBuilder().setFrom(start).setTo(start.plus(java.time.Duration.ofDays(14))).build())).build())).isEmpty();
        assertThat(DirectoryValidator.problems(dora().setTimeOff(List.of(
                StaffTimeOff.newBuilder().setFrom(start).setTo(start.plus(java.time.Duration.ofDays(14))).build(),
                StaffTimeOff.newBuilder().setFrom(start).setTo(start).build())).build()))
                .containsExactly("timeOff[1].to: must be after from (2026-07-01T00:00:00Z), was 2026-07-01T00:00:00Z");
    }

    @org.junit.jupiter.api.Test
    void timeOffIsReadAsIsoInstantsNamingABadOne() {
        java.util.Map<String, Object> map = java.util.Map.of("staffId", "dora", "name", "Dora", "zone", "Europe/Berlin",
                "email", "dora@agency.example",
                "timeOff", List.of(java.util.Map.of("from", "2026-07-01T00:00:00Z", "to", "2026-07-15")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DirectoryRecords.fromMap(map, StaffMember.class))
                .isInstanceOf(InvalidDirectoryRecordException.class)
                .satisfies(e -> assertThat(((InvalidDirectoryRecordException) e).problems()).singleElement().asString()
                        .startsWith("timeOff[0].to: "));
    }
}
