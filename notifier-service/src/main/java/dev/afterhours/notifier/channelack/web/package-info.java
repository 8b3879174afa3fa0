/** The providers' callbacks that carry acknowledgements in: Twilio's SMS and key-press webhooks, Slack's interactions. */
@NullMarked
package dev.afterhours.notifier.channelack.web;

import org.jspecify.annotations.NullMarked;
