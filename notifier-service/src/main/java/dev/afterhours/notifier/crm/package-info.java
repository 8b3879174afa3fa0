/** CRM notes per client, with every version: written through the API, attached to pages (pinned, then latest). */
@NullMarked
package dev.afterhours.notifier.crm;

import org.jspecify.annotations.NullMarked;
