package dev.afterhours.ingest.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.Topics;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ClientResolutionTest {

    private static final Function<String, Optional<String>> DIRECTORY =
            a -> a.equals("dana@acme-shop.example") ? Optional.of("acme-shop") : Optional.empty();

    @Test
    void inboundResolvesTheSender() {
        ClientResolution r = ClientResolution.resolve(Direction.INBOUND, "dana@acme-shop.example", List.of(), DIRECTORY);

        assertThat(r).isEqualTo(new ClientResolution("acme-shop", "dana@acme-shop.example"));
        assertThat(r.resolved()).isTrue();
    }

    @Test
    void outboundResolvesTheFirstRecipientThatBelongsToAClient() {
        ClientResolution r = ClientResolution.resolve(Direction.OUTBOUND, "alice@agency.example",
                List.of("bob@agency.example", "dana@acme-shop.example"), DIRECTORY);

        assertThat(r).isEqualTo(new ClientResolution("acme-shop", "dana@acme-shop.example"));
    }

    @Test
    void noMatchIsUnresolved() {
        assertThat(ClientResolution.resolve(Direction.INBOUND, "x@y.example", List.of(), DIRECTORY))
                .isEqualTo(new ClientResolution(Topics.UNRESOLVED_CLIENT, "x@y.example"));
        ClientResolution outbound = ClientResolution.resolve(Direction.OUTBOUND, "alice@agency.example",
                List.of("x@y.example", "z@y.example"), DIRECTORY);
        assertThat(outbound).isEqualTo(new ClientResolution(Topics.UNRESOLVED_CLIENT, "x@y.example"));
        assertThat(outbound.resolved()).isFalse();
    }
}
