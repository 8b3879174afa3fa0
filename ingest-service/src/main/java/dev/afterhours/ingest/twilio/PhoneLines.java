package dev.afterhours.ingest.twilio;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.directory.DirectoryView;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Supplier;

/** Which client, and which kind of line, a dialled number ({@code To}) is, from the directory's client profiles. */
public final class PhoneLines {

    /** A client's number: one of its {@code phoneLines}, or one of its {@code emergencyLines}. */
    public record Line(ClientProfile client, String number, boolean emergency) {

        public String clientId() {
            return client.getClientId();
        }

        /** What the event's {@code x-afterhours-line} header says. */
        public String kind() {
            return emergency ? "emergency" : "normal";
        }
    }

    private final Supplier<? extends Collection<ClientProfile>> clients;

    public PhoneLines(Supplier<? extends Collection<ClientProfile>> clients) {
        this.clients = clients;
    }

    /**
     * The line this number is, or empty for a number no client has. Numbers compare without spaces, dashes or
     * brackets. Should two clients list the same number, the first by client id wins, so the answer never varies.
     */
    public Optional<Line> lineFor(String dialled) {
        String wanted = DirectoryView.normalise(dialled);
        return clients.get().stream()
                .sorted(Comparator.comparing(ClientProfile::getClientId))
                .flatMap(client -> client.getEmergencyLines().stream()
                        .filter(line -> DirectoryView.normalise(line).equals(wanted))
                        .map(line -> new Line(client, line.strip(), true))
                        .findFirst()
                        .or(() -> client.getPhoneLines().stream()
                                .filter(line -> DirectoryView.normalise(line).equals(wanted))
                                .map(line -> new Line(client, line.strip(), false))
                                .findFirst())
                        .stream())
                .findFirst();
    }
}
