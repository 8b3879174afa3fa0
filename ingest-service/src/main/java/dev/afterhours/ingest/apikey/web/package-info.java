/** The API key admin API, {@code /api/v1/admin/api-keys}. */
@NullMarked
package dev.afterhours.ingest.apikey.web;

import org.jspecify.annotations.NullMarked;
