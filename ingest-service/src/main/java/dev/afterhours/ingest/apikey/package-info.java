/**
 * Integrations' API keys: created, listed, rotated and revoked by an admin; kept in the directory's compacted
 * api-keys topic as hashes only; looked up by the shared security filter so a phone or chat system can post
 * messages without a person's token.
 */
@NullMarked
package dev.afterhours.ingest.apikey;

import org.jspecify.annotations.NullMarked;
