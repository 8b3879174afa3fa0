/**
 * Afterhours' event contracts: the Avro classes generated into this package, the typed {@link dev.afterhours.contracts.Topics}
 * catalog and topic provisioning. Not {@code @NullMarked}: the generated classes return null for optional fields.
 */
package dev.afterhours.contracts;
