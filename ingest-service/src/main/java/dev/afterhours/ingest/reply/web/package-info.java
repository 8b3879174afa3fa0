/** {@code POST /api/v1/conversations/{conversationId}/replies}. */
@NullMarked
package dev.afterhours.ingest.reply.web;

import org.jspecify.annotations.NullMarked;
