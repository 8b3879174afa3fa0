package dev.afterhours.classifier.classification;

import dev.afterhours.classifier.text.MessageText;
import static dev.afterhours.classifier.support.Fixtures.client;
import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.ClientProfile;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Scope, stakes, workarounds and deadlines against the client's calendar (issue 13). */
class ImpactTest {

    private final ClientProfile acme = client("acme-shop");
    /** Monday 23 November 2026, 22:00 in New York: Acme Shop opens again on Tuesday at 09:00. */
    private static final Instant MONDAY_NIGHT = Instant.parse("2026-11-24T03:00:00Z");

    private static String own(String text) {
        return MessageText.of(null, text).own();
    }

    @Test
    void aDeadlineLaterInTheWeekIsAfterTheClientsNextOpening() {
        assertThat(Impact.laterDeadline(own("The new prices must be live before Thursday!"), Optional.of(acme),
                MONDAY_NIGHT)).contains("deadline 'before thursday' (Thu 26 Nov) is after the client's next opening"
                + " (Tue 24 Nov 09:00)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bitte bis Freitag erledigen", "il faut corriger avant jeudi", "tiene que estar antes del viernes",
            "we need it by tomorrow", "by next week would be great"})
    void deadlinesInFourLanguages(String text) {
        assertThat(Impact.laterDeadline(own(text), Optional.of(acme), MONDAY_NIGHT)).isPresent();
    }

    @Test
    void tonightOrTodayIsNoLaterDeadline() {
        assertThat(Impact.laterDeadline(own("must be fixed by tonight"), Optional.of(acme), MONDAY_NIGHT)).isEmpty();
        // "by Monday" on a Monday is today
        assertThat(Impact.laterDeadline(own("we need it by Monday"), Optional.of(acme), MONDAY_NIGHT)).isEmpty();
    }

    @Test
    void aDeadlineWithAnHourMayComeBeforeTheOpening() {
        assertThat(Impact.laterDeadline(own("si vous pouvez regarder avant demain 6h"), Optional.of(acme),
                MONDAY_NIGHT)).isEmpty();
    }

    @Test
    void notASingleUserIsEveryone() {
        assertThat(Impact.limitedScope(own("not a single customer can pay"))).isEmpty();
        assertThat(Impact.limitedScope(own("débités trois fois pour une seule commande"))).isEmpty();
    }

    @Test
    void withoutACalendarALaterDayStillCounts() {
        assertThat(Impact.laterDeadline(own("before Thursday please"), Optional.empty(), MONDAY_NIGHT))
                .hasValueSatisfying(reason -> assertThat(reason).endsWith("is on a later day"));
    }

    @Test
    void weekdaysCountForward() {
        LocalDate monday = LocalDate.of(2026, 11, 23);
        assertThat(Impact.dateOf("thursday", monday)).isEqualTo(LocalDate.of(2026, 11, 26));
        assertThat(Impact.dateOf("lunes", monday)).isEqualTo(monday);
        assertThat(Impact.dateOf("dimanche", monday)).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(Impact.dateOf("morgen", monday)).isEqualTo(LocalDate.of(2026, 11, 24));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Only one user can't log in, the rest are fine.", "one customer gets an error at checkout",
            "Everyone else is fine, just Maria", "Nur ein Kunde kann nicht bezahlen", "Un seul client ne peut pas payer",
            "Solo un cliente no puede pagar, a los demás les funciona"})
    void aPartAffected(String text) {
        assertThat(Impact.limitedScope(own(text))).as(text).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"checkout is down, we're losing orders", "Wir verlieren gerade Bestellungen",
            "nous perdons des ventes", "estamos perdiendo pedidos", "patients cannot book"})
    void moneyOrSafetyAtStake(String text) {
        assertThat(Impact.atStake(own(text))).as(text).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"we have a workaround for now", "Wir haben eine Übergangslösung",
            "on a une solution de contournement", "tenemos una solución temporal"})
    void aWorkaround(String text) {
        assertThat(Impact.workaround(own(text))).as(text).isPresent();
    }

    @Test
    void nothingAtStakeInAnOrdinaryQuestion() {
        String text = own("Can you change the font on the footer?");
        assertThat(Impact.atStake(text)).isEmpty();
        assertThat(Impact.limitedScope(text)).isEmpty();
        assertThat(Impact.workaround(text)).isEmpty();
    }
}
