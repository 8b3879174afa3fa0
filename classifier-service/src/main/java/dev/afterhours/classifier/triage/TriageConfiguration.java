package dev.afterhours.classifier.triage;

import dev.afterhours.classifier.ClassifierProperties;
import dev.afterhours.classifier.ClientLabels;
import dev.afterhours.classifier.classification.ContactHistory;
import dev.afterhours.classifier.classification.MessageClassifier;
import dev.afterhours.classifier.engine.ClassifierEngine;
import dev.afterhours.classifier.hours.AfterHoursClock;
import dev.afterhours.contracts.DayOfWeek;
import dev.afterhours.contracts.SupportCalendar;
import dev.afterhours.contracts.WeeklyWindow;
import dev.afterhours.directory.InvalidDirectoryRecordException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TriageConfiguration {

    private static final String PREFIX = "afterhours.classifier.default-calendar.";

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ContactHistory contactHistory() {
        return new ContactHistory();
    }

    /** The engine's shipped decision, on the models the build trained, reading the client's recent contacts. */
    @Bean
    MessageClassifier messageClassifier(ContactHistory history) {
        return ClassifierEngine.shippedClassifier(history);
    }

    /** Fails the start, naming the bad key, if the default calendar is invalid. */
    @Bean
    AfterHoursClock afterHoursClock(ClassifierProperties properties) {
        try {
            return new AfterHoursClock(agencyCalendar(properties.defaultCalendar()));
        } catch (InvalidDirectoryRecordException e) {
            throw new IllegalStateException("Invalid agency default calendar: " + e.problems().stream()
                    .map(p -> p.replaceFirst("^calendar\\.(?:windows\\[\\d+]\\.)?", PREFIX))
                    .distinct().toList(), e);
        }
    }

    /** What the fast lane judged ahead, for the pipeline: a few seconds of a flood. */
    @Bean
    WordsVerdicts wordsVerdicts(MeterRegistry registry) {
        return new WordsVerdicts(WordsVerdicts.DEFAULT_CAPACITY, registry);
    }

    @Bean
    MessageTriage messageTriage(MessageClassifier classifier, AfterHoursClock clock, ClientDirectory directory,
                                ContactHistory history, WordsVerdicts wordsVerdicts) {
        return new MessageTriage(new ClassifierEngine(classifier, clock), directory, history, wordsVerdicts);
    }

    @Bean
    ClassificationMetrics classificationMetrics(MeterRegistry registry, ClientLabels clientLabels) {
        return new ClassificationMetrics(registry, clientLabels);
    }

    static SupportCalendar agencyCalendar(ClassifierProperties.DefaultCalendar calendar) {
        List<WeeklyWindow> windows = calendar.days().stream()
                .map(day -> WeeklyWindow.newBuilder()
                        .setDay(DayOfWeek.valueOf(day.name()))
                        .setFrom(calendar.from())
                        .setTo(calendar.to())
                        .build())
                .toList();
        return SupportCalendar.newBuilder()
                .setZone(calendar.zone())
                .setWindows(windows)
                .setHolidays(calendar.holidays())
                .build();
    }
}
