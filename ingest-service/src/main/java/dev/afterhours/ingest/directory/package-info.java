/**
 * The directory as this service hosts it: the live {@link dev.afterhours.directory.DirectoryView}, the publisher
 * behind the admin API, and seeding from a YAML file at startup.
 */
@NullMarked
package dev.afterhours.ingest.directory;

import org.jspecify.annotations.NullMarked;
