/** The CRM notes API. */
@NullMarked
package dev.afterhours.notifier.crm.web;

import org.jspecify.annotations.NullMarked;
