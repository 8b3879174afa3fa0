/** The latest CRM notes per client, attached to pages. */
@NullMarked
package dev.afterhours.notifier.crm;

import org.jspecify.annotations.NullMarked;
