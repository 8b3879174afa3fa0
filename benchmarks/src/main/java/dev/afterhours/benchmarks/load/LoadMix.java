package dev.afterhours.benchmarks.load;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The messages the generator sends: routine ones over every channel in the demo directory's four languages, and
 * emergencies from Acme Shop's VIP contact to its emergency line. Routine senders are drawn from a pool of 5,000
 * addresses the directory does not know, so they stay unresolved, as strangers' messages do: with the demo
 * directory's few contacts as senders, the classifier's repeated-contact rule (rightly) raises a client's 500th
 * message in ten minutes to EMERGENCY, and the run would measure a paging storm instead. The random source has a
 * fixed seed, so two runs send the same mix.
 */
final class LoadMix {

    /** One message to send: its channel, sender, recipients, subject and text, and whether it is a 911. */
    record Sample(String channel, String from, List<String> to, String subject, String body, boolean emergency) {
    }

    private static final String EMERGENCY_LINE = "+15550199911";

    private static final List<Sample> ROUTINE = List.of(
            new Sample("EMAIL", "sam@acme-shop.example", List.of("support@agency.example"), "Footer text",
                    "Could you update the footer text on the about page when you get a chance? Thanks", false),
            new Sample("EMAIL", "dana@acme-shop.example", List.of("support@agency.example"), "Invoice question",
                    "Quick question about last month's invoice, no rush.", false),
            new Sample("SMS", "+15550100001", List.of("+15550100000"), null,
                    "can we move tomorrow's call to 3pm?", false),
            new Sample("CHAT", "sam@acme-shop.example", List.of("#acme-shop"), null,
                    "the new banner looks a bit blurry on my phone, can someone have a look this week", false),
            new Sample("EMAIL", "jonas@bergmann.example", List.of("support@agency.example"), "Rechnung",
                    "Könnten Sie mir bitte die Rechnung für November noch einmal schicken? Danke!", false),
            new Sample("EMAIL", "claire@client.example", List.of("support@agency.example"), "Question",
                    "Pourriez-vous changer la couleur du bouton sur la page d'accueil ?", false),
            new Sample("WEBFORM", "lucia@client.example", List.of(), "Consulta",
                    "¿Podrían revisar el texto del pie de página cuando puedan?", false),
            // Not "just calling ... call me back": the model reads that as an EMERGENCY (0.32 against a 0.30
            // threshold), a known false 911 (the issue on the classifier), and 1 message in 8 would page.
            new Sample("VOICE", "+15550100001", List.of("+15550100000"), null,
                    "hello, this is about the newsletter schedule for next month, no rush, get back to me tomorrow",
                    false));

    private static final List<Sample> EMERGENCY = List.of(
            new Sample("SMS", "+15550100001", List.of(EMERGENCY_LINE), null,
                    "site is down, customers see an error page", true),
            new Sample("VOICE", "+15550100001", List.of(EMERGENCY_LINE), null,
                    "checkout is broken, nobody can pay, please call me now", true));

    private static final int SENDERS = 5_000;

    private final SplittableRandom random;
    private final double emergencyShare;

    /** @param emergencyShare the fraction of messages that are emergencies, 0 to 1 */
    LoadMix(long seed, double emergencyShare) {
        this.random = new SplittableRandom(seed);
        this.emergencyShare = emergencyShare;
    }

    Sample next() {
        return random.nextDouble() < emergencyShare ? emergency() : routine();
    }

    Sample emergency() {
        return EMERGENCY.get(random.nextInt(EMERGENCY.size()));
    }

    Sample routine() {
        Sample template = ROUTINE.get(random.nextInt(ROUTINE.size()));
        int sender = random.nextInt(SENDERS);
        String from = template.channel().equals("SMS") || template.channel().equals("VOICE")
                ? "+1555020" + String.format("%04d", sender) : "sender" + sender + "@load.example";
        return new Sample(template.channel(), from, template.to(), template.subject(), template.body(), false);
    }
}
