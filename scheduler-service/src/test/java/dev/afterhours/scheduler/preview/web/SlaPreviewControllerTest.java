package dev.afterhours.scheduler.preview.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.directory.DirectorySeed;
import dev.afterhours.scheduler.SchedulerProperties;
import dev.afterhours.scheduler.preview.ClientSlaPreview;
import dev.afterhours.scheduler.sla.SlaPlanner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The preview endpoints in MockMvc (no broker): exact answers worked out by hand, including both New York DST
 * changes of 2026, and every kind of 400 naming its field. The client endpoint reads the demo directory file.
 */
class SlaPreviewControllerTest {

    private static final String WEEKDAYS = """
            "MONDAY": [{"from": "09:00", "to": "17:30"}], "TUESDAY": [{"from": "09:00", "to": "17:30"}],
            "WEDNESDAY": [{"from": "09:00", "to": "17:30"}], "THURSDAY": [{"from": "09:00", "to": "17:30"}],
            "FRIDAY": [{"from": "09:00", "to": "17:30"}]""";
    private static final String NEW_YORK = """
            {"zone": "America/New_York", "hours": {%s}, "holidays": ["2026-12-25"]}""".formatted(WEEKDAYS);

    private static MockMvc mvc;

    @BeforeAll
    static void setUp() {
        RegistrySerdes.trustGeneratedPackage();
        Map<String, ClientProfile> directory = DirectorySeed.load(Path.of("../deploy/local/directory.yml")).clients()
                .stream().collect(Collectors.toMap(ClientProfile::getClientId, c -> c));
        SlaPlanner planner = new SlaPlanner(SchedulerProperties.BUILT_IN_DEFAULT_TARGETS, 75);
        ClientSlaPreview clients = new ClientSlaPreview(id -> Optional.ofNullable(directory.get(id)), () -> true, planner);
        Clock now = Clock.fixed(Instant.parse("2026-11-23T22:14:05Z"), ZoneOffset.UTC);
        mvc = MockMvcBuilders.standaloneSetup(new SlaPreviewController(clients, now)).build();
    }

    // --- answers -------------------------------------------------------------------------------------------

    @Test
    void monday_1714_est_with_four_business_hours_is_due_tuesday_1244() throws Exception {
        // 17:14:05 EST is open: 15m55s left Monday, then 3h44m05s from Tuesday 09:00 -> 12:44:05 EST = 17:44:05Z.
        assertOk(preview(NEW_YORK, "2026-11-23T22:14:05Z", "PT4H", "\"clock\": \"BUSINESS\""),
                "{\"dueAt\":\"2026-11-24T17:44:05Z\",\"nextOpenAt\":\"2026-11-23T22:14:05Z\",\"status\":\"IN_HOURS\"}");
    }

    @Test
    void after_hours_waits_for_the_next_morning() throws Exception {
        // Monday 18:00 EST: opens Tuesday 09:00 EST (14:00Z); 4 h later 13:00 EST.
        assertOk(preview(NEW_YORK, "2026-11-23T23:00:00Z", "PT4H", null),
                "{\"dueAt\":\"2026-11-24T18:00:00Z\",\"nextOpenAt\":\"2026-11-24T14:00:00Z\",\"status\":\"AFTER_HOURS\"}");
        // Saturday: the weekend, Monday 09:00 EST.
        assertOk(preview(NEW_YORK, "2026-11-28T15:00:00Z", "PT30M", null),
                "{\"dueAt\":\"2026-11-30T14:30:00Z\",\"nextOpenAt\":\"2026-11-30T14:00:00Z\",\"status\":\"WEEKEND\"}");
    }

    @Test
    void a_holiday_is_closed_and_the_calendar_clock_ignores_it() throws Exception {
        // Friday 2026-12-25 10:00 EST is Christmas: next opening Monday 28th 09:00 EST.
        assertOk(preview(NEW_YORK, "2026-12-25T15:00:00Z", "PT4H", null),
                "{\"dueAt\":\"2026-12-28T18:00:00Z\",\"nextOpenAt\":\"2026-12-28T14:00:00Z\",\"status\":\"HOLIDAY\"}");
        assertOk(preview(NEW_YORK, "2026-12-25T15:00:00Z", "PT4H", "\"clock\": \"CALENDAR\""),
                "{\"dueAt\":\"2026-12-25T19:00:00Z\",\"nextOpenAt\":\"2026-12-28T14:00:00Z\",\"status\":\"HOLIDAY\"}");
    }

    @Test
    void spring_forward_week_2026_03_08_in_new_york() throws Exception {
        // Friday 17:00 EST (22:00Z): 30 min left; Monday 09:00 is now EDT (13:00Z, not 14:00Z) -> 13:30Z.
        assertOk(preview(NEW_YORK, "2026-03-06T22:00:00Z", "PT1H", null),
                "{\"dueAt\":\"2026-03-09T13:30:00Z\",\"nextOpenAt\":\"2026-03-06T22:00:00Z\",\"status\":\"IN_HOURS\"}");
        // A night window over the skipped hour: 01:00-04:00 local holds only 2 real hours on 2026-03-08
        // (01:00 EST = 06:00Z to 02:00 EST, then 03:00 EDT = 07:00Z to 04:00 EDT = 08:00Z).
        String night = """
                {"zone": "America/New_York", "hours": {"SUNDAY": [{"from": "01:00", "to": "04:00"}]}}""";
        assertOk(preview(night, "2026-03-08T06:00:00Z", "PT2H", null),
                "{\"dueAt\":\"2026-03-08T08:00:00Z\",\"nextOpenAt\":\"2026-03-08T06:00:00Z\",\"status\":\"IN_HOURS\"}");
        // 2h01m does not fit: the next Sunday 01:00 EDT (05:00Z) plus a minute.
        assertOk(preview(night, "2026-03-08T06:00:00Z", "PT2H1M", null),
                "{\"dueAt\":\"2026-03-15T05:01:00Z\",\"nextOpenAt\":\"2026-03-08T06:00:00Z\",\"status\":\"IN_HOURS\"}");
    }

    @Test
    void fall_back_week_2026_11_01_in_new_york() throws Exception {
        // 01:00-03:00 local on 2026-11-01 repeats 01:00-02:00: 05:00Z (01:00 EDT) to 08:00Z (03:00 EST) = 3 h.
        String night = """
                {"zone": "America/New_York", "hours": {"SUNDAY": [{"from": "01:00", "to": "03:00"}]}}""";
        assertOk(preview(night, "2026-11-01T05:00:00Z", "PT3H", null),
                "{\"dueAt\":\"2026-11-01T08:00:00Z\",\"nextOpenAt\":\"2026-11-01T05:00:00Z\",\"status\":\"IN_HOURS\"}");
        // The second 01:30 (EST, 06:30Z) is open too.
        assertOk(preview(night, "2026-11-01T06:30:00Z", "PT30M", null),
                "{\"dueAt\":\"2026-11-01T07:00:00Z\",\"nextOpenAt\":\"2026-11-01T06:30:00Z\",\"status\":\"IN_HOURS\"}");
        // Friday 2026-10-30 17:00 EDT (21:00Z): 30 min, then Monday 09:00 EST (14:00Z) + 30 min.
        assertOk(preview(NEW_YORK, "2026-10-30T21:00:00Z", "PT1H", null),
                "{\"dueAt\":\"2026-11-02T14:30:00Z\",\"nextOpenAt\":\"2026-10-30T21:00:00Z\",\"status\":\"IN_HOURS\"}");
    }

    @Test
    void a_closure_and_a_countrys_public_holidays() throws Exception {
        // Thursday 2026-12-31 11:00 EST: 1 h open, closed from 12:00 to Saturday, weekend, Monday 09:00 + 3 h.
        String closed = """
                {"zone": "America/New_York", "hours": {%s},
                 "closures": [{"from": "2026-12-31T12:00", "to": "2027-01-02T00:00"}]}""".formatted(WEEKDAYS);
        assertOk(preview(closed, "2026-12-31T16:00:00Z", "PT4H", null),
                "{\"dueAt\":\"2027-01-04T17:00:00Z\",\"nextOpenAt\":\"2026-12-31T16:00:00Z\",\"status\":\"IN_HOURS\"}");
        assertThat(body(preview(closed, "2026-12-31T18:00:00Z", "PT1H", null))).contains("\"status\":\"HOLIDAY\"");
        // Thanksgiving, Thursday 2026-11-26, is a public holiday in New York.
        String us = """
                {"zone": "America/New_York", "hours": {%s}, "holidays": [{"country": "US", "region": "ny"}]}"""
                .formatted(WEEKDAYS);
        MockHttpServletResponse thanksgiving = preview(us, "2026-11-26T15:00:00Z", "PT1H", null);
        assertThat(thanksgiving.getStatus()).as(body(thanksgiving)).isEqualTo(200);
        assertThat(body(thanksgiving)).contains("\"status\":\"HOLIDAY\"");
    }

    @Test
    void the_dry_run_series_for_every_hour() throws Exception {
        // Monday 16:00 EST (21:00Z), every hour, 3 points: in hours, in hours (17:00), after hours (18:00).
        MockHttpServletResponse response = preview(NEW_YORK, "2026-11-23T21:00:00Z", "PT1H",
                "\"count\": 3, \"every\": \"PT1H\"");
        assertOk(response, "{\"series\":["
                + "{\"receivedAt\":\"2026-11-23T21:00:00Z\",\"dueAt\":\"2026-11-23T22:00:00Z\",\"nextOpenAt\":\"2026-11-23T21:00:00Z\",\"status\":\"IN_HOURS\"},"
                + "{\"receivedAt\":\"2026-11-23T22:00:00Z\",\"dueAt\":\"2026-11-24T14:30:00Z\",\"nextOpenAt\":\"2026-11-23T22:00:00Z\",\"status\":\"IN_HOURS\"},"
                + "{\"receivedAt\":\"2026-11-23T23:00:00Z\",\"dueAt\":\"2026-11-24T15:00:00Z\",\"nextOpenAt\":\"2026-11-24T14:00:00Z\",\"status\":\"AFTER_HOURS\"}]}");
        MockHttpServletResponse calendar = preview(NEW_YORK, "2026-11-23T21:00:00Z", "PT1H",
                "\"count\": 2, \"every\": \"PT1H\", \"clock\": \"CALENDAR\"");
        assertThat(body(calendar)).contains("\"dueAt\":\"2026-11-23T22:00:00Z\"", "\"dueAt\":\"2026-11-23T23:00:00Z\"");
        MockHttpServletResponse thousand = preview(NEW_YORK, "2026-11-23T21:00:00Z", "PT4H",
                "\"count\": 1000, \"every\": \"PT1H\"");
        assertThat(thousand.getStatus()).isEqualTo(200);
        assertThat(body(thousand).split("receivedAt")).hasSize(1001);
    }

    // --- 400s ----------------------------------------------------------------------------------------------

    @Test
    void malformed_or_missing_body() throws Exception {
        assertBad(post("{not json"), "body", "malformed JSON");
        assertBad(post(""), "body", "missing");
        assertBad(post("[1, 2]"), "body", "expected a JSON object");
    }

    @Test
    void missing_fields_are_all_named() throws Exception {
        MockHttpServletResponse response = post("{}");
        assertBad(response, "calendar", "missing");
        assertThat(body(response)).contains("\"field\":\"receivedAt\"", "\"field\":\"target\"");
    }

    @Test
    void bad_instant_duration_and_clock() throws Exception {
        assertBad(preview(NEW_YORK, "yesterday", "PT4H", null), "receivedAt", "ISO-8601 instant");
        assertBad(preview(NEW_YORK, "2026-11-23T22:14:05.5Z", "PT4H", null), "receivedAt", "whole seconds");
        assertBad(preview(NEW_YORK, "2026-11-23T22:14:05Z", "four hours", null), "target", "ISO-8601 duration");
        assertBad(preview(NEW_YORK, "2026-11-23T22:14:05Z", "-PT1H", null), "target", "negative");
        MockHttpServletResponse clock = preview(NEW_YORK, "2026-11-23T22:14:05Z", "PT4H", "\"clock\": \"SUNDIAL\"");
        assertBad(clock, "clock", "SUNDIAL");
        assertThat(body(clock)).contains("BUSINESS", "CALENDAR");
    }

    @Test
    void unknown_fields_anywhere() throws Exception {
        assertBad(preview(NEW_YORK, "2026-11-23T22:14:05Z", "PT4H", "\"urgent\": true"), "urgent", "unknown field");
        String calendar = """
                {"zone": "UTC", "timezone": "UTC", "hours": {"MONDAY": [{"from": "09:00", "to": "17:00", "until": "18:00"}]}}""";
        MockHttpServletResponse response = preview(calendar, "2026-11-23T22:14:05Z", "PT4H", null);
        assertBad(response, "calendar.timezone", "unknown field");
        assertThat(body(response)).contains("\"field\":\"calendar.hours.MONDAY[0].until\"");
    }

    @Test
    void every_calendar_problem_is_listed() throws Exception {
        String calendar = """
                {"zone": "Mars/Olympus", "hours": {"FUNDAY": [], "MONDAY": [{"from": "17:00", "to": "09:00"}]},
                 "holidays": ["2026-13-45", 7]}""";
        MockHttpServletResponse response = preview(calendar, "yesterday", "PT4H", null);
        assertBad(response, "calendar.zone", "Mars/Olympus");
        assertThat(body(response)).contains("\"field\":\"receivedAt\"", "ISO-8601",
                "\"field\":\"calendar.hours.FUNDAY\"", "\"field\":\"calendar.hours.MONDAY[0]",
                "\"field\":\"calendar.holidays[0]", "\"field\":\"calendar.holidays[1]\"");
        MockHttpServletResponse country = preview("""
                {"zone": "UTC", "hours": {"MONDAY": [{"from": "09:00", "to": "17:00"}]}, "holidays": [{"country": "XX"}]}""",
                "2026-11-23T22:14:05Z", "PT4H", null);
        assertBad(country, "calendar.holidays[0].country", "");
    }

    @Test
    void questions_the_calendar_cannot_answer() throws Exception {
        assertBad(preview("{\"zone\": \"UTC\", \"hours\": {}}", "2026-11-23T22:14:05Z", "PT4H", null),
                "calendar.hours", "no open time");
        // A target beyond any SLA (the directory's limit, 366 days): an error, not a hang.
        assertBad(preview(NEW_YORK, "2026-11-23T22:14:05Z", "P2000D", null), "target", "at most 366 days");
        assertBad(preview(NEW_YORK, "2026-11-23T22:14:05Z", "P2000D", "\"clock\": \"CALENDAR\""), "target",
                "at most 366 days");
    }

    @Test
    void instants_and_durations_no_sla_can_mean_are_400_naming_the_field() throws Exception {
        for (String extreme : new String[] {"+300000000-01-01T00:00:00Z", "-300000000-01-01T00:00:00Z",
                "+10000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59Z"}) {
            assertBad(preview(NEW_YORK, extreme, "PT4H", null), "receivedAt", "between");
        }
        for (String target : new String[] {"PT99999999999H", "PT2562047788015215H", "P999999999D", "P367D"}) {
            assertBad(preview(NEW_YORK, "2026-11-23T22:14:05Z", target, null), "target", "at most 366 days");
        }
        assertBad(preview(NEW_YORK, "2026-11-23T22:14:05Z", "-PT1H", null), "target", "negative");
        assertBad(preview(NEW_YORK, "2026-11-23T22:14:05Z", "PT4H", "\"count\": 1000, \"every\": \"PT99999999999H\""),
                "every", "at most 366 days");
        assertBad(preview(NEW_YORK, "9999-12-31T00:00:00Z", "PT4H", "\"count\": 1000, \"every\": \"P366D\""), "every",
                "years 1 to 9999");
        assertBad(preview(NEW_YORK, "2026-11-23T22:14:05Z", "PT4H", "\"count\": 99999999999, \"every\": \"PT1H\""),
                "count", "1 to 1000");
    }

    @Test
    void bad_series_parameters() throws Exception {
        assertBad(preview(NEW_YORK, "2026-11-23T22:14:05Z", "PT4H", "\"count\": 0, \"every\": \"PT1H\""), "count", "1 to 1000");
        assertBad(preview(NEW_YORK, "2026-11-23T22:14:05Z", "PT4H", "\"count\": 1001, \"every\": \"PT1H\""), "count", "1 to 1000");
        assertBad(preview(NEW_YORK, "2026-11-23T22:14:05Z", "PT4H", "\"count\": \"many\", \"every\": \"PT1H\""), "count", "whole number");
        assertBad(preview(NEW_YORK, "2026-11-23T22:14:05Z", "PT4H", "\"count\": 3"), "every", "missing");
        assertBad(preview(NEW_YORK, "2026-11-23T22:14:05Z", "PT4H", "\"count\": 3, \"every\": \"PT0S\""), "every", "positive");
        assertBad(preview(NEW_YORK, "2026-11-23T22:14:05Z", "PT4H", "\"every\": \"PT1H\""), "every", "only meaningful with count");
    }

    // --- a client's own calendar and policy ----------------------------------------------------------------

    @Test
    void a_clients_own_calendar_and_policy() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/api/v1/clients/acme-shop/sla/preview")
                .param("receivedAt", "2026-11-23T22:14:05Z").param("urgency", "NORMAL")).andReturn().getResponse();
        assertOk(response, "{\"clientId\":\"acme-shop\",\"urgency\":\"NORMAL\",\"target\":\"PT4H\",\"clock\":\"BUSINESS\","
                + "\"receivedAt\":\"2026-11-23T22:14:05Z\",\"dueAt\":\"2026-11-24T17:44:05Z\","
                + "\"nextOpenAt\":\"2026-11-23T22:14:05Z\",\"status\":\"IN_HOURS\"}");
        // Defaults: NORMAL, now (the fixed clock); bergmann-gmbh, Monday 23:14:05 CET, opens Tuesday 08:30 CET;
        // 8 business hours: 08:30-12:00 and 13:00-17:00 = 7h30, then Wednesday 08:30 + 30 min = 09:00 CET.
        MockHttpServletResponse bergmann = mvc.perform(get("/api/v1/clients/bergmann-gmbh/sla/preview"))
                .andReturn().getResponse();
        assertOk(bergmann, "{\"clientId\":\"bergmann-gmbh\",\"urgency\":\"NORMAL\",\"target\":\"PT8H\",\"clock\":\"BUSINESS\","
                + "\"receivedAt\":\"2026-11-23T22:14:05Z\",\"dueAt\":\"2026-11-25T08:00:00Z\","
                + "\"nextOpenAt\":\"2026-11-24T07:30:00Z\",\"status\":\"AFTER_HOURS\"}");
        // EMERGENCY is on the CALENDAR clock in Acme's policy.
        MockHttpServletResponse emergency = mvc.perform(get("/api/v1/clients/acme-shop/sla/preview")
                .param("receivedAt", "2026-11-26T15:00:00Z").param("urgency", "EMERGENCY")).andReturn().getResponse();
        assertThat(body(emergency)).contains("\"target\":\"PT15M\"", "\"clock\":\"CALENDAR\"",
                "\"dueAt\":\"2026-11-26T15:15:00Z\"", "\"status\":\"HOLIDAY\"");
    }

    @Test
    void client_errors() throws Exception {
        MockHttpServletResponse unknown = mvc.perform(get("/api/v1/clients/nobody/sla/preview")).andReturn().getResponse();
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(body(unknown)).contains("\"field\":\"clientId\"", "nobody");
        MockHttpServletResponse urgency = mvc.perform(get("/api/v1/clients/acme-shop/sla/preview").param("urgency", "PANIC"))
                .andReturn().getResponse();
        assertBad(urgency, "urgency", "PANIC");
        assertThat(body(urgency)).contains("EMERGENCY", "HIGH", "NORMAL", "LOW");
        assertBad(mvc.perform(get("/api/v1/clients/acme-shop/sla/preview").param("receivedAt", "soon"))
                .andReturn().getResponse(), "receivedAt", "ISO-8601");
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static MockHttpServletResponse preview(String calendar, String receivedAt, String target, @Nullable String extra)
            throws Exception {
        return post("{\"calendar\": " + calendar + ", \"receivedAt\": \"" + receivedAt + "\", \"target\": \"" + target + "\""
                + (extra == null ? "" : ", " + extra) + "}");
    }

    private static MockHttpServletResponse post(String json) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/sla/preview")
                .contentType(MediaType.APPLICATION_JSON).content(json)).andReturn().getResponse();
    }

    private static String body(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    private static void assertOk(MockHttpServletResponse response, String expected) throws Exception {
        assertThat(response.getStatus()).as(body(response)).isEqualTo(200);
        assertThat(body(response)).isEqualTo(expected);
    }

    /** 400 whose first problem names {@code field}: a problem detail {detail: "field: ...", field, problems[]}. */
    private static void assertBad(MockHttpServletResponse response, String field, String messagePart) throws Exception {
        String body = body(response);
        assertThat(response.getStatus()).as(body).isEqualTo(400);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(body).doesNotContain("\"error\"").contains("\"status\":400", "\"detail\":\"" + field + ": ",
                "\"field\":\"" + field + "\"", "\"problems\":[{\"field\":\"" + field + "\"", messagePart);
    }
}
