/** Real infrastructure for integration tests: a KRaft broker, an Apicurio Registry, an OIDC issuer, a Confluent wire-format decoder. */
@NullMarked
package dev.afterhours.testkit;

import org.jspecify.annotations.NullMarked;
