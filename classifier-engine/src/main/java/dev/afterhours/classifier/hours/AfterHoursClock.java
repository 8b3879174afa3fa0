package dev.afterhours.classifier.hours;

import dev.afterhours.businesstime.OpeningStatus;
import dev.afterhours.businesstime.SupportHours;
import dev.afterhours.contracts.AfterHoursStatus;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.SupportCalendar;
import dev.afterhours.directory.Calendars;
import dev.afterhours.directory.InvalidDirectoryRecordException;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whether a message arrived in, or outside, its client's support hours. Messages of unknown clients (and of
 * clients whose calendar cannot be read) are judged against the agency's default calendar: an emergency must
 * still be classified when the directory has a bad record.
 */
public final class AfterHoursClock {

    private static final Logger log = LoggerFactory.getLogger(AfterHoursClock.class);

    private final SupportHours agencyDefault;

    /**
     * @throws InvalidDirectoryRecordException naming the bad field of the default calendar
     */
    public AfterHoursClock(SupportCalendar agencyDefault) {
        this.agencyDefault = Calendars.supportHours(agencyDefault);
    }

    public AfterHours at(Instant moment, Optional<ClientProfile> client) {
        Optional<SupportHours> clientHours = client.flatMap(AfterHoursClock::hoursOf);
        SupportHours hours = clientHours.orElse(agencyDefault);
        return new AfterHours(toContract(hours.status(moment)), moment.atZone(hours.zone()).toString(),
                clientHours.isEmpty());
    }

    private static Optional<SupportHours> hoursOf(ClientProfile client) {
        try {
            return Optional.of(Calendars.supportHours(client.getCalendar()));
        } catch (InvalidDirectoryRecordException e) {
            log.warn("Client {} has an unusable calendar, using the agency default: {}", client.getClientId(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    static AfterHoursStatus toContract(OpeningStatus status) {
        return switch (status) {
            case IN_HOURS -> AfterHoursStatus.IN_HOURS;
            case AFTER_HOURS -> AfterHoursStatus.AFTER_HOURS;
            case WEEKEND -> AfterHoursStatus.WEEKEND;
            case HOLIDAY -> AfterHoursStatus.HOLIDAY;
        };
    }
}
