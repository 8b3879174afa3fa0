package dev.afterhours.ingest.slack;

import dev.afterhours.contracts.ClientProfile;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which client a Slack channel is shared with: the directory's {@code slackChannels}. The directory refuses a channel
 * for two clients; should two still claim one (two admins saving at once), the lowest clientId wins, every time.
 */
public final class SlackChannels {

    private final Supplier<? extends Collection<ClientProfile>> clients;

    public SlackChannels(Supplier<? extends Collection<ClientProfile>> clients) {
        this.clients = clients;
    }

    public Optional<String> clientFor(String channelId) {
        return clients.get().stream()
                .filter(client -> client.getSlackChannels().contains(channelId))
                .map(ClientProfile::getClientId)
                .min(Comparator.naturalOrder());
    }
}
