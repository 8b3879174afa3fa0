package dev.afterhours.classifier.classification;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words and phrases the rules look for, in one place so they can be read, reviewed and extended. Every pattern
 * runs on {@link MessageText#normalise normalised} text (lower case, single spaces, straight apostrophes).
 */
final class Lexicon {

    private Lexicon() {
    }

    static Pattern p(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
    }

    private static final String SITE = "(?:web ?site|site|online store|online shop|store|shop|production|prod|servers?"
            + "|app|platform|home ?page|landing page|api|database|db)";
    private static final String IS = "(?:'s|'re| is| are| has gone| have gone| went| has been| have been| seems to be"
            + "| seem to be| appears to be| looks| is still| are still| keeps going| is now| just went)";

    /**
     * English descriptions of situations that cannot wait for the morning: production or the site down, checkout
     * or payments broken, a security breach, lost data, a wrong mass email, ads overspending, "still down".
     * They describe a state, not a feeling: "URGENT!!!" alone is not among them.
     */
    static final List<Pattern> EMERGENCIES = List.of(
            // site / production down
            p("\\b" + SITE + IS + " (?:completely |totally |all |just )?(?:down|offline|unreachable|inaccessible"
                    + "|not loading|not responding)\\b(?! for (?:scheduled |planned )?maintenance)"),
            p("\\b(?:site|website|production|prod|store|shop|checkout|server|servers) down\\b"
                    + "(?! (?:the|a|for|to|from|on|at|in|by|with|there|here|below)\\b)"),
            p("\\b(?:web ?site|site|store|shop|app|home ?page)(?: is| are)? (?:isn't|is not|aren't|are not|won't|will not"
                    + "|doesn't|does not|stopped|has stopped|is no longer) (?:working|loading|responding|load|work|respond)\\b"),
            p("\\b(?:major|total|complete|full|site|production|site-wide|sitewide) outage\\b"),
            p("\\b(?:we have|we've got|there's|there is) an outage\\b"),
            // checkout and payments
            p("\\b(?:checkout|check-out|cart|payments|payment (?:page|gateway|system|processing|provider)|card payments"
                    + "|credit card payments|stripe|paypal)(?:'s| is| are| has been| have been| seems to be| seem to be"
                    + "| appears to be| keeps| keep| is still| are still)(?: completely| totally)? (?:broken|down|failing"
                    + "|not working|not going through|erroring|crashing|throwing errors|declining|being declined)\\b"),
            p("\\b(?:checkout|payments) (?:broken|failing|not working)\\b"),
            p("\\b(?:checkout|payments?|cart|stripe|paypal)(?: page| system| gateway)? (?:isn't|is not|aren't|are not"
                    + "|doesn't|does not|don't|do not|won't|will not|stopped|has stopped) (?:working|loading"
                    + "|going through|processing|accepting (?:cards|payments|orders))\\b"),
            p("\\b(?:customers|people|users|shoppers|we|they) (?:can't|cannot|can not|are unable to|aren't able to"
                    + "|unable to|can no longer) (?:check ?out|pay|complete (?:their |a |the |any )?(?:purchases?"
                    + "|orders?|checkout|payments?)|place (?:an |their |any )?orders?|buy anything|order anything)\\b"),
            p("\\b(?:nobody|no one|no-one) (?:can|is able to) (?:check ?out|pay|place (?:an )?orders?|buy anything"
                    + "|order anything)\\b"),
            // security
            p("\\b(?:security breach|data breach|breach of (?:our |the )?(?:data|systems?|security)|ransomware"
                    + "|(?:site|website|homepage|store|shop) (?:was |has been |got )?defaced"
                    + "|malware (?:on|in) (?:our|the) (?:site|website|server|store|shop)"
                    + "|unauthori[sz]ed (?:access|logins?|charges|admins?|users?|transactions))\\b"),
            p("\\b(?:been|got|was|were|are|is|being|we're|just) hacked\\b"),
            p("\\bhacked (?:into|our|the)\\b"),
            p("\\b(?:accounts?|site|website|servers?|store|shop|database|admin|e-?mail|wordpress|systems?)"
                    + " (?:was |were |has been |have been |is |are |got )?compromised\\b"),
            // data loss
            p("\\bdata loss\\b"),
            p("\\blost (?:all (?:of )?)?(?:our |the |my )?(?:data|orders|customer data|customer records|database"
                    + "|files|content|products|inventory)\\b"),
            p("\\b(?:data|database|db|orders|customer (?:data|records)|products|inventory|backups?)(?: was| were"
                    + "| has been| have been| got| is| are)(?: all)? (?:deleted|wiped|erased|gone|lost|corrupted)\\b"),
            p("\\b(?:deleted|wiped|erased) (?:the |our |all |all of our |all the )?(?:entire |whole )?(?:data|database"
                    + "|db|products|orders|customer (?:data|records)|site|website)\\b"),
            p("\\beverything is gone\\b"),
            // a wrong mass email
            p("\\bwrong (?:e-?mail|newsletter|campaign|message|blast|mailing|promo(?:tion)?|price|discount|coupon)s?"
                    + "\\b[^.!?]{0,60}\\b(?:went out|was sent|were sent|got sent|sent out|sent|emailed|mailed)\\b"
                    + "[^.!?]{0,40}\\b(?:all|everyone|everybody|entire|whole|every|thousands|list|subscribers|customers)\\b"),
            p("\\b(?:sent|emailed|mailed|blasted)\\b[^.!?]{0,60}\\bto (?:the )?wrong (?:list|segment|audience"
                    + "|customers|people|recipients)\\b"),
            p("\\baccidentally (?:sent|emailed|mailed|blasted)\\b[^.!?]{0,60}\\b(?:all|everyone|entire|whole|list"
                    + "|subscribers|customers)\\b"),
            p("\\b(?:sent|went out|emailed)\\b[^.!?]{0,40}\\b(?:all|everyone|entire|whole)\\b[^.!?]{0,40}"
                    + "\\b(?:by (?:mistake|accident)|accidentally|in error)\\b"),
            // ads overspending
            p("\\b(?:overspend(?:ing|s)?|overspent)\\b"),
            p("\\b(?:blew|blown|burned|burnt|burning|blowing) through (?:the |our |my )?(?:(?:whole|entire|monthly"
                    + "|daily|weekly|full) )*(?:ad |ads |advertising |marketing )?budget\\b"),
            p("\\b(?:ads?|ad spend|ad account|campaigns?|google ads|facebook ads|meta ads|adwords|ppc)\\b[^.!?]{0,40}"
                    + "\\b(?:out of control|way over budget|spent (?:the |our )?(?:whole|entire|full|monthly|daily) budget"
                    + "|spending (?:like crazy|way too much))\\b"),
            // still broken after a first report
            p("\\bstill (?:down|broken|offline|not working|not loading|failing|hacked|erroring|unreachable)\\b"));

    /**
     * Words in the few words before an emergency phrase that make it hypothetical or deliberate ("if the site is
     * down", "please take the site down tonight").
     */
    static final Pattern EMERGENCY_GUARDS = p("\\b(?:if|in case|whether|unless|prevent|avoid|avoids|make sure"
            + "|ensure|take|taking|took|bring|bringing|brought|shut|shutting|put|putting|planned|scheduled)\\b");

    /** Words that ask for speed: at most HIGH. */
    static final List<Pattern> HIGH = List.of(
            p("\\burgent(?:ly)?\\b"),
            p("\\b(?:asap|a\\.s\\.a\\.p\\.?)(?!\\w)"),
            p("\\bas soon as (?:possible|you can)\\b"),
            p("\\b(?:immediately|right away|time[- ]sensitive|high priority|top priority|critical|emergency)\\b"),
            p("\\bdeadlines?\\b"),
            p("\\b(?:by|before|due|until|need(?:s|ed)?(?: it| this| that| them)?|launch(?:es|ing)?|go(?:es|ing)? live"
                    + "|ship(?:s|ping)?|publish(?:ed|ing)?|done|fixed|ready|live) (?:\\w+ ){0,2}?today\\b"),
            p("\\btoday (?:please|pls|if (?:at all )?possible|at the latest|latest)\\b"),
            p("\\b(?:end of (?:the )?(?:day|business day)|eod|cob|close of business)\\b"),
            p("\\b(?:tonight|within the hour|in the next hour)\\b"),
            p("\\b(?:dringend|sofort|umgehend|heute noch|urgente|d'urgence|cuanto antes|hoy mismo)\\b"));

    /** Negations and hedges that take one level off ("no rush", "not urgent", "whenever you get a chance"). */
    static final List<Pattern> HEDGES = List.of(
            p("\\bno (?:rush|hurry|pressure|urgency|stress)\\b"),
            p("\\b(?:not|isn't|is not|it's not|nothing|nothing too|not really) (?:that |very |super |too |really"
                    + " |terribly |at all |particularly )?(?:urgent|pressing|time[- ]sensitive|critical|an emergency"
                    + "|a priority|high priority)\\b"),
            p("\\bnon[- ]urgent\\b"),
            p("\\blow(?:er)? priority\\b"),
            p("\\bwhen(?:ever)? you (?:get|have) (?:a )?(?:chance|moment|minute|sec|second|spare moment|time)\\b"),
            p("\\bwhenever (?:you can|it's convenient|is convenient|convenient)\\b"),
            p("\\bat your (?:convenience|leisure)\\b"),
            p("\\b(?:it|this|that) can wait\\b"),
            p("\\bnext week is (?:fine|ok|okay)\\b"),
            p("\\b(?:no|not a) big deal\\b"),
            p("\\bno emergency\\b"),
            p("\\b(?:nicht dringend|keine eile|kein stress|pas urgent|rien d'urgent|pas pressé|no es urgente|sin prisa)\\b"));

    /** Subject prefixes that auto-responders put on their replies. */
    static final Pattern OUT_OF_OFFICE_SUBJECT = p("^[\\[(]?\\s*(?:auto(?:matic)?[ -]?reply|auto[ -]?response"
            + "|automatische antwort|out of (?:the )?office|ooo\\b|abwesenheitsnotiz|abwesend|réponse automatique"
            + "|absente? du bureau|absence du bureau|respuesta automática|fuera de la oficina|ausente)");

    /** Out-of-office sentences in English, Spanish, German and French. */
    static final List<Pattern> OUT_OF_OFFICE_TEXT = List.of(
            p("\\b(?:i am|i'm|i will be|i'll be|i'm currently|i am currently|currently) (?:currently |now )?"
                    + "(?:out of (?:the )?office|away from (?:the |my )?(?:office|desk)|on (?:annual |parental |sick "
                    + "|maternity |paternity )?leave|on (?:vacation|holiday|holidays))\\b"),
            p("\\bout of (?:the )?office (?:until|till|through|from|and will)\\b"),
            p("\\bthis is an auto(?:mated|matic)(?:ally generated)? (?:reply|response|message|e-?mail)\\b"),
            p("\\b(?:limited|no|without) access to (?:my )?e-?mails?\\b"),
            p("\\b(?:respond|reply|get back to you|answer)\\b[^.!?]{0,40}\\b(?:upon|when i|on my|after my) (?:my )?return\\b"),
            // German: "Abwesenheitsnotiz", "ich bin bis 30.11. nicht im Büro"
            p("\\babwesenheitsnotiz\\b"),
            p("\\bautomatische antwort\\b"),
            p("\\bbin\\b[^.!?]{0,60}\\b(?:nicht im büro|nicht im haus|außer haus|im urlaub|abwesend)\\b"),
            p("\\b(?:eingeschränkten|keinen) zugriff auf (?:meine )?e-?mails\\b"),
            p("\\bwieder im büro\\b"),
            // French: "je suis absent du bureau"
            p("\\babsente? du bureau\\b"),
            p("\\bje suis (?:actuellement )?(?:absente?|en congés?|en vacances|hors du bureau)\\b"),
            p("\\bréponse automatique\\b"),
            p("\\baccès limité (?:à mes|aux) (?:e-?mails|courriels|messages)\\b"),
            // Spanish: "estoy fuera de la oficina"
            p("\\bfuera de la oficina\\b"),
            p("\\brespuesta automática\\b"),
            p("\\b(?:estoy|estaré|me encuentro) (?:de vacaciones|ausente|fuera)\\b"),
            p("\\bacceso limitado al? (?:correo|e-?mail)\\b"));

    /** Phrases that say no answer is expected. */
    static final Pattern FYI = p("(?:^(?:(?:hi|hello|hey|dear)\\b[^.!?,:]{0,30}[,:!.]? )?fyi\\b|\\bno action (?:is )?(?:needed"
            + "|required|necessary)\\b|\\bno need to (?:reply|respond|answer)\\b|\\bno (?:reply|response) (?:needed"
            + "|necessary|required)\\b|\\bfor your (?:information|records|reference)\\b|\\bjust (?:so you know|a heads[- ]up"
            + "|letting you know|to let you know|keeping you posted|to keep you posted)\\b|\\bnur zur info\\b"
            + "|\\bzur kenntnis\\b|\\bpour info(?:rmation)?\\b|\\bpara (?:tu|su) información\\b)");

    /** An unsubscribe link ... */
    static final Pattern UNSUBSCRIBE = p("\\b(?:unsubscribe|abbestellen|abmelden|se désinscrire|désabonner|se désabonner"
            + "|darse de baja|cancelar (?:la )?suscripción)\\b");
    /** ... together with the furniture of a newsletter. */
    static final Pattern NEWSLETTER = p("\\b(?:newsletter|view (?:it |this (?:e-?mail |message )?)?(?:in|on) (?:your |a |the )?"
            + "(?:web )?browser|manage (?:your )?(?:e-?mail |subscription |notification )?(?:preferences|subscriptions?"
            + "|settings)|you (?:are )?receiv(?:ed|ing) this (?:e-?mail|message|newsletter)|webversion"
            + "|im browser (?:ansehen|anzeigen|öffnen))\\b");

    /** Words that say thank you. */
    static final Set<String> THANKS = Set.of("thanks", "thank", "thx", "thnx", "ty", "tysm", "cheers", "danke",
            "dank", "dankeschön", "merci", "gracias", "appreciated", "appreciate", "kudos");

    /** "for the quick fix", "for your help": what a thank-you is for, not a new request. */
    static final Pattern THANKS_FOR = p("\\bfor (?:the |your |all the |all your )?(?:(?:quick|fast|great|speedy|prompt)"
            + " )?(?:fix|fixes|help|update|updates|info|reply|response|changes|work|support|call|chat|heads[- ]up)\\b");

    /** Words that may accompany a thank-you without asking for anything. */
    static final Set<String> THANKS_FILLER = Set.of("you", "u", "so", "very", "much", "many", "a", "lot", "lots", "again",
            "great", "perfect", "awesome", "excellent", "wonderful", "brilliant", "fantastic", "amazing", "super", "cool",
            "nice", "lovely", "ok", "okay", "k", "kk", "got", "it", "received", "noted", "all", "good", "looks", "sounds",
            "works", "working", "that", "this", "is", "it's", "that's", "for", "the", "your", "help", "quick", "reply",
            "response", "update", "info", "everything", "guys", "team", "folks", "everyone", "hi", "hello", "hey",
            "dear", "and", "best", "regards", "kind", "warm", "br", "sincerely", "vielen", "schön", "besten",
            "grüße", "gruß", "lg", "vg", "mfg", "beaucoup", "muchas", "mil", "saludos", "cordialement", "oh", "wow",
            "yes", "yep", "yay", "now", "as", "always", "in", "advance", "really", "truly", "just", "fine", "done",
            "sorted", "resolved", "fixed", "top", "prima", "alles", "klar", "gut", "parfait", "genial", "vale",
            "perfecto", "de", "nada", "und", "euch", "dir", "ihnen", "y", "et", "es", "such", "me", "we", "our",
            "my", "well", "with", "was", "were", "to", "of");
}
