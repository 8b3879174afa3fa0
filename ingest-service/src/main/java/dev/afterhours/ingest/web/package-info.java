/** HTTP concerns shared by ingest's APIs: bounded request bodies and the 503 answers (problem details). */
@NullMarked
package dev.afterhours.ingest.web;

import org.jspecify.annotations.NullMarked;
