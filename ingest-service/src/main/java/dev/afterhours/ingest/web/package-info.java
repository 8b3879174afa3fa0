/** HTTP concerns shared by the APIs: bounded request bodies and the JSON error answers. */
@NullMarked
package dev.afterhours.ingest.web;

import org.jspecify.annotations.NullMarked;
