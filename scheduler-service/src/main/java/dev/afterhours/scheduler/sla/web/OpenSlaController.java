package dev.afterhours.scheduler.sla.web;

import dev.afterhours.scheduler.sla.SlaState;
import dev.afterhours.scheduler.sla.kafka.SlaStreams;
import dev.afterhours.scheduler.sla.kafka.SlaTopology;
import dev.afterhours.security.Roles;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Open SLAs, read from this instance's state stores (interactive queries). With several instances each answers
 * for the partitions it hosts.
 */
@RestController
@RequestMapping("/api/v1/sla")
class OpenSlaController {

    private final SlaStreams streams;

    OpenSlaController(SlaStreams streams) {
        this.streams = streams;
    }

    /** One open SLA. */
    record OpenSla(String slaId, String clientId, String conversationId, String messageId, String urgency,
                   String clock, String target, Instant receivedAt, Instant dueAt, @Nullable Instant warnAt) {

        static OpenSla of(SlaState state) {
            return new OpenSla(state.slaId(), state.clientId(), state.conversationId(), state.messageId(),
                    state.urgency().name(), state.clock().name(), state.target(), state.receivedAtInstant(),
                    state.dueAtInstant(), state.warnAt() == null ? null : Instant.ofEpochMilli(state.warnAt()));
        }
    }

    /** Open SLAs, soonest due first; all clients' unless {@code clientId} is given. */
    @PreAuthorize(Roles.IS_VIEWER)
    @GetMapping("/open")
    @ApiResponse(responseCode = "200", description = "The open SLAs of the partitions this instance hosts")
    @ApiResponse(responseCode = "503", description = "The SLA state is not ready here yet (starting, or rebalancing)")
    List<OpenSla> open(@RequestParam(required = false) @Nullable String clientId) {
        KafkaStreams running = streams.streams()
                .filter(s -> s.state() == KafkaStreams.State.RUNNING)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "SLA state not ready"));
        List<OpenSla> open = new ArrayList<>();
        try {
            ReadOnlyKeyValueStore<String, SlaState> store = running.store(StoreQueryParameters.fromNameAndType(
                    SlaTopology.STATE_STORE, QueryableStoreTypes.<String, SlaState>keyValueStore()));
            try (KeyValueIterator<String, SlaState> all = store.all()) {
                all.forEachRemaining(kv -> {
                    SlaState state = kv.value;
                    if (state.open() && (clientId == null || clientId.equals(state.clientId()))) {
                        open.add(OpenSla.of(state));
                    }
                });
            }
        } catch (InvalidStateStoreException e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "SLA state is moving: " + e.getMessage());
        }
        open.sort(Comparator.comparing(OpenSla::dueAt));
        return open;
    }
}
