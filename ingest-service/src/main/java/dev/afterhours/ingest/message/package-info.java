/**
 * Message intake: validation result ({@link dev.afterhours.ingest.message.InboundMessage}), deterministic ids,
 * client resolution, conversation threading and the idempotency index. Pure logic; Kafka and HTTP live in
 * the {@code kafka} and {@code web} sub-packages.
 */
@NullMarked
package dev.afterhours.ingest.message;

import org.jspecify.annotations.NullMarked;
