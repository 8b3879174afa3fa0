package dev.afterhours.classifier.classification;

import dev.afterhours.classifier.text.MessageText;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The words and phrases the rules look for, in one place so they can be read, reviewed and extended. Every pattern
 * runs on {@link MessageText#normalise normalised} text (lower case, single spaces, straight apostrophes).
 */
final class Lexicon {

    private Lexicon() {
    }

    /**
     * Patterns run on normalised, already lower-cased text and are written in lower case, so they need no
     * case-insensitive matching, which would fold every character of every message for each of a hundred
     * patterns on the hot path.
     */
    static Pattern p(String regex) {
        return Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
    }

    private static final Map<String, Pattern> CLIENT_PATTERNS = new ConcurrentHashMap<>();

    /**
     * {@link #p} for patterns built from a client's directory entries (emergency phrases, the escalation word):
     * compiled once per distinct pattern, not once per message.
     */
    static Pattern client(String regex) {
        return CLIENT_PATTERNS.computeIfAbsent(regex, Lexicon::p);
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
            p("\\b(?:site|website|production|prod|store|shop|checkout|server|servers) (?:down|dwn)\\b"
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
            p("\\b(?:someone|somebody|hackers?) (?:has |have )?(?:got|gotten|broken|hacked|logged) into\\b"),
            p("\\badmin (?:user|account)s? (?:that |which )?(?:none of us|nobody|no one|we didn't|we did not) (?:created|set up|made)\\b"),
            p("\\b(?:customers|people|users|shoppers|members|guests|clients|patients|we|they) (?:are )?unable to"
                    + " (?:book|log ?in|sign ?in|register|check ?out|pay|order|buy)\\b"),
            p("\\b(?:customers|people|users|shoppers|we|they) (?:can't|cannot|can not|are unable to|aren't able to"
                    + "|unable to|can no longer) (?:check ?out|pay|complete (?:their |a |the |any )?(?:purchases?"
                    + "|orders?|checkout|payments?)|place (?:an |their |any )?orders?|buy anything|order anything)\\b"),
            p("\\b(?:nobody|no one|no-one) (?:can|is able to) (?:check ?out|pay|place (?:an )?orders?|buy anything"
                    + "|order anything)\\b"),
            // security
            p("\\b(?:security breach|data breach|breach of (?:our |the )?(?:data|systems?|security)|ransomware"
                    + "|malware (?:on|in) (?:our|the) (?:site|website|server|store|shop)"
                    + "|unauthori[sz]ed (?:access|logins?|charges|admins?|users?|transactions))\\b"),
            // Apart, so that each pattern starts with words the literal gate can look for.
            p("\\b(?:site|website|homepage|store|shop) (?:was |has been |got )?defaced\\b"),
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
            p("\\bstill (?:down|broken|offline|not working|not loading|failing|hacked|erroring|unreachable)\\b"),
            // monitoring alerts and defacements
            p("\\b(?:status|estado|état|etat|zustand|state)\\s?:\\s?(?:down|critical|kritisch|ca[íi]d[ao]|hors ligne)\\b"),
            p("\\bhacked by\\b"),
            p("\\b(?:checkout|payments?|cart|site|shop|store) (?:broke|died|crashed)\\b"),
            // a message that went to everybody
            p("\\b(?:an alle|to all|to every|à tous|a todos|a todas)\\b[^.!?]{0,40}\\b(?:rausgegangen|rausgeschickt|verschickt"
                    + "|gesendet|went out|gone out|been sent|sent|envoyée?s?|partie?s?|enviad[oa]s?|salió|salieron)\\b"),
            p("\\b(?:sent|went out|gone out|rausgegangen|rausgeschickt|verschickt|envoyée?s?|enviad[oa]s?|mandad[oa]s?)\\b"
                    + "[^.!?]{0,15}\\b(?:to all|to everyone|to every|an alle|à tous|à toutes|a todos|a todas)\\b"),
            // ad budgets running away: a sum spent today or overnight
            p("\\b(?:spent|has spent|have spent|gastad[oa]s?|gastado|dépensé|ausgegeben)\\b[^.!?]{0,25}?(?:[£$€]\\s?\\d"
                    + "|\\d[\\d.,\\s]*\\s?(?:€|eur\\b|euros?\\b|dollars\\b|pounds\\b))[^.!?]{0,40}\\b(?:overnight|today"
                    + "|this morning|since last night|hoy|esta mañana|aujourd'hui|cette nuit|depuis hier soir|heute"
                    + "|über nacht|seit gestern abend)\\b"),
            p("\\b(?:campaign|campaña|campagne|kampagne)\\b[^.!?]{0,40}\\b(?:se ha disparado|s'est emballée|explodiert"
                    + "|out of control|runaway|gone rogue)\\b"),
            // an error every customer sees
            p("\\b(?:error|errors|fails?|failing|says|shows|invalid|declined|fehler|fehlermeldung|erreur|falla|fallo)\\b"
                    + "[^.!?]{0,40}\\b(?:for (?:every|all) (?:customers?|users?|shoppers?|visitors?)|für alle kunden"
                    + "|bei allen kunden|pour tous les clients|para todos los clientes)\\b"),
            // mail in the client's name it did not send: phishing or a compromised mailbox
            p("\\b(?:phishing|we didn't send|we did not send|haben wir nicht (?:verschickt|gesendet|geschickt)"
                    + "|nous n'avons pas envoyé|on n'a pas envoyé|no (?:lo|la|los|las) hemos enviado)\\b"),
            // German
            p("\\b(?:website|webseite|internetseite|seite|homepage|shop|onlineshop) ist (?:komplett |plötzlich |auf einmal )?leer\\b"),
            p("\\balle (?:\\w+ )?(?:sind |ist )?(?:weg|verschwunden|gelöscht)\\b"),
            p("\\b(?:shop|onlineshop|webshop|seite|webseite|internetseite|website|homepage|server|plattform|app|kasse|checkout"
                    + "|bezahlung|zahlung|zahlungen|warenkorb)\\b[^.!?,]{0,25}\\b(?:ist |sind )?(?:komplett |total |gerade |seit"
                    + " [^.!?]{0,25})?(?:nicht erreichbar|nicht mehr erreichbar|funktioniert nicht|funktioniert"
                    + " nicht mehr|funktionieren nicht|geht nicht mehr|geht nicht|lädt nicht|ausgefallen|kaputt|tot)\\b"),
            p("\\b(?:kunden|niemand|keiner|wir) (?:können|kann) (?:seit [^.!?]{0,25})?(?:nicht(?: mehr)?|nichts) (?:mehr )?"
                    + "(?:bestellen|bezahlen|zahlen|einkaufen|kaufen|verkaufen|auschecken|einloggen)\\b"),
            p("\\b(?:gehackt|hackerangriff|datenleck|datenpanne|sicherheitslücke ausgenutzt|unbefugte(?:r|n)? zugriff"
                    + "|verschlüsselungstrojaner|erpressungstrojaner)\\b"),
            p("\\b(?:daten|datenbank|bestellungen|kundendaten|produkte)\\b[^.!?]{0,30}\\b(?:sind |ist )?(?:alle |komplett )?"
                    + "(?:weg|gelöscht|verloren|verschwunden)\\b"),
            p("\\b(?:newsletter|mailing|e-?mail|kampagne)\\b[^.!?]{0,60}\\b(?:an alle|an den falschen|an die falsche|falsche[nr]? "
                    + "(?:verteiler|liste|empfänger))\\b"),
            p("\\bbudget\\b[^.!?]{0,40}\\b(?:aufgebraucht|verbrannt|überschritten|explodiert)\\b"),
            p("\\bimmer noch (?:down|offline|kaputt|nicht erreichbar)\\b|\\bgeht (?:immer noch|noch immer) nicht\\b"),
            // "down" in German, French and Spanish sentences; English past tenses ("was down yesterday") stay out
            p("\\b(?:shop|onlineshop|webshop|seite|webseite|internetseite|website|server|kasse) (?:ist|sind)"
                    + " (?:komplett |total |gerade |wieder )?(?:down|offline)\\b"),
            p("\\b(?:site|boutique|serveur|appli) (?:est|sont) (?:complètement |totalement |encore )?down\\b"),
            p("\\b(?:web|tienda|página|pagina|sitio|servidor) (?:está|están|esta) (?:totalmente |otra vez )?down\\b"),
            // French
            p("\\b(?:site|boutique|serveur|appli|application|plateforme|paiement|paiements|panier|caisse)\\b[^.!?,]{0,25}"
                    + "\\b(?:est |sont )?(?:complètement |totalement )?(?:en panne|hors ligne|hors service|inaccessibles?"
                    + "|plant[ée]e?s?|ne (?:fonctionnent?|marchent?|s'affichent?|chargent?|répondent?) plus"
                    + "|ne (?:fonctionnent?|marchent?|s'affichent?|chargent?|répondent?) pas)\\b"),
            p("\\b(?:les clients|clients|personne|on|nous) ne (?:peu(?:ven)?t|pouvons) (?:plus |pas )?(?:plus |pas )?"
                    + "(?:commander|payer|acheter|passer (?:de |des |une )?commandes?|valider (?:leur |le )?panier)\\b"),
            p("\\b(?:piraté|piratée|hacké|hackée|fuite de données|intrusion|rançongiciel|accès non autorisé)\\b"),
            p("\\b(?:données|base de données|commandes|fichiers)\\b[^.!?]{0,30}\\b(?:perdues?|effacées?|supprimées?"
                    + "|disparues?)\\b"),
            p("\\b(?:newsletter|e-?mail|campagne|mailing)\\b[^.!?]{0,60}\\b(?:à tous|à toute la base|à la mauvaise liste"
                    + "|aux mauvais)\\b"),
            p("\\b(?:toujours|tjrs|tjs|encore) (?:en panne|hors ligne|inaccessible|down|bloqué)\\b|\\bne (?:marche|fonctionne) toujours pas\\b"),
            // Spanish
            p("\\b(?:web|página|pagina|tienda|sitio|servidor|app|aplicación|plataforma|pagos?|carrito|checkout|pasarela)"
                    + "\\b[^.!?,]{0,25}\\b(?:está |están )?(?:totalmente |completamente )?(?:ca[íi]d[ao]s?|no funcionan?"
                    + "|no carga|no cargan|fuera de l[íi]nea|sin servicio|no responden?|no abre|rot[ao]s?)\\b"),
            p("\\b(?:los clientes|clientes|nadie|no) (?:no )?(?:pueden?|podemos) (?:pagar|comprar|hacer pedidos|finalizar"
                    + " (?:la |el )?(?:compra|pedido)|realizar pedidos|entrar)\\b"),
            p("\\bno (?:funcionan?|cargan?|van?|andan?) (?:el |la |los |las )?(?:pagos?|web|tienda|página|pagina|checkout"
                    + "|carrito|sitio|servidor|app|pasarela)\\b"),
            p("\\bno (?:puedo|podemos|pueden|puede) (?:cobrar|vender|facturar|pagar|comprar) (?:nada|online|en l[íi]nea)\\b"),
            p("\\b(?:hackead[ao]s?|hackearon|nos han hackeado|brecha de seguridad|fuga de datos|acceso no autorizado"
                    + "|ransomware)\\b"),
            p("\\b(?:datos|base de datos|pedidos|archivos)\\b[^.!?]{0,30}\\b(?:perdid[oa]s|borrad[oa]s|eliminad[oa]s"
                    + "|desaparecid[oa]s)\\b|\\b(?:perdimos|se borraron|borraron) (?:todos )?(?:los )?datos\\b"),
            p("\\b(?:newsletter|correo|campaña|e-?mail)\\b[^.!?]{0,60}\\b(?:a todos|a toda la base|a la lista equivocada"
                    + "|a los clientes equivocados)\\b"),
            p("\\bsigue (?:ca[íi]d[ao]|sin funcionar|sin servicio)\\b|\\bsigue sin (?:funcionar|cargar)\\b"),
            // an event, launch or broadcast within hours, and blocked
            p("\\b(?:launch|event|webinar|livestream|live stream|broadcast|sale|campaign|go[- ]live|presentation|show)\\b"
                    + "[^.!?]{0,40}\\b(?:in (?:an?|one|two|three|four|\\d{1,2}) ?(?:hours?|hrs?|h|minutes|mins)|at \\d{1,2}(?::\\d\\d)?"
                    + " ?(?:am|pm)? (?:today|tonight)|this (?:afternoon|evening))\\b[^.!?]{0,80}\\b(?:broken|down|not working"
                    + "|doesn't work|does not work|404|error|blank|can't|cannot|won't|missing|blocked)\\b"));

    /** A state denied inside the matched phrase: "the site is not down", "die Seite ist nicht kaputt". */
    static final Pattern NEGATED_STATE = p("\\b(?:not|isn't|aren't|nicht|keine?|n'est pas|ne sont pas|est pas|sont pas"
            + "|no est[aá]n?|no)"
            + " (?:\\w+ )?(?:down|offline|kaputt|ausgefallen|en panne|hors ligne|ca[íi]d[ao]s?|broken|rot[ao]s?)\\b");

    /**
     * Words in the few words before an emergency phrase that make it hypothetical or deliberate ("if the site is
     * down", "please take the site down tonight").
     */
    static final Pattern EMERGENCY_GUARDS = p("\\b(?:if|in case|whether|unless|prevent|avoid|avoids|make sure"
            + "|ensure|take|taking|took|bring|bringing|brought|shut|shutting|put|putting|planned|scheduled"
            // German, French, Spanish: "wenn die Seite ausfällt", "si le site tombe en panne", "por si la web se cae"
            + "|wenn|falls|ob|sobald|geplant|geplante|si|s'il|au cas où|en cas de|prévu|prévue|planifié|planifiée"
            + "|en caso de|por si|programad[oa]|previst[oa])\\b");

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
            p("\\bin (?:an?|one|two|three|four|\\d) (?:hours?|hrs?)\\b"),
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
            p("\\bacceso limitado al? (?:correo|e-?mail)\\b"),
            // Issue 13: the wordings a header-less auto-responder also uses. English:
            p("\\b(?:i am|i'm|i will be|i'll be) (?:currently |now )?(?:away|out|off) (?:until|till|til|from|on|at|for|and back)\\b"),
            p("\\b(?:i am|i'm) (?:currently )?on (?:a |my )?(?:sabbatical|vacation|holiday|leave|business trip|parental leave) (?:until|till|and back)\\b"),
            p("\\b(?:will not|won't|not) be (?:checking|reading|monitoring) (?:my |this )?(?:e-?mails?|inbox|messages)\\b"),
            p("\\b(?:your|this) (?:e-?mail|message) (?:has not|hasn't|will not|won't|is not|isn't) (?:been |be )?forwarded\\b"),
            p("\\b(?:this|the) (?:mailbox|inbox|e-?mail address) is (?:not|no longer) (?:monitored|in use|checked)\\b"),
            p("\\b(?:i am|i'm) no longer (?:working (?:at|for|with)|with)\\b|\\bi no longer work (?:at|for)\\b"),
            p("\\b(?:will|i'll|shall) (?:reply|respond|answer|get back to you|read it|pick (?:it|them) up) (?:on|upon|after) my return\\b"),
            // German: "Ich bin bis Freitag in Elternzeit", "Ihre Nachricht wird nicht weitergeleitet"
            p("\\b(?:bin|befinde mich)\\b[^.!?]{0,60}\\b(?:in elternzeit|in mutterschutz|im krankenstand|krankgeschrieben"
                    + "|in den ferien|auf urlaub|im urlaub|auf (?:dienst|geschäfts)?reise|auf (?:einer |der )?messe|nicht erreichbar)\\b"),
            p("\\b(?:ihre|deine|die) (?:e-?mail|nachricht|mail) wird (?:nicht|nicht automatisch) weitergeleitet\\b"),
            p("\\bdiese (?:e-?mail-?adresse|adresse|mailbox|postfach) wird nicht mehr (?:betreut|gelesen|genutzt)\\b"),
            p("\\bab (?:dem |montag|dienstag|mittwoch|donnerstag|freitag)[^.!?]{0,30}\\bwieder (?:erreichbar|für sie da|im büro|da)\\b"),
            // French: "je suis en congé jusqu'au", "votre message ne sera pas transféré", "de retour le 4"
            p("\\bje (?:suis|serai) (?:actuellement |présentement )?(?:en congés?|en vacances|en déplacement|en arrêt"
                    + "|en formation|à l'extérieur du bureau|absente?|hors du bureau)\\b[^.!?]{0,60}\\b(?:jusqu'|retour)"),
            p("\\b(?:votre|ton) (?:message|courriel|e-?mail|mail) ne (?:sera|lui sera) pas (?:transféré|lu)\\b"),
            p("\\bne consulte pas (?:ma messagerie|mes (?:e-?mails|courriels|mails|messages))\\b"),
            // Spanish: "estoy de licencia hasta", "no estoy en la oficina", "su mensaje no será reenviado"
            p("\\b(?:estoy|estaré|me encuentro) (?:de licencia|de baja|de viaje|con licencia|en un congreso|sin acceso)\\b"),
            p("\\bno (?:estoy|me encuentro|estaré) en la oficina\\b"),
            p("\\b(?:tu|su) (?:correo|mensaje|e-?mail) no (?:será|se) (?:reenviad[oa]|reenvía|reenviará|leíd[oa])\\b"),
            p("\\bvolveré (?:el|a la oficina)\\b"));

    /**
     * Weaker out-of-office hints ("on my return", "à mon retour", "a mi regreso"): a person may write them too, so
     * they count only beside a return date ({@link #RETURN_DATE}) and without a question.
     */
    static final List<Pattern> OUT_OF_OFFICE_HINTS = List.of(
            p("\\b(?:on|upon|after) my return\\b"),
            p("\\b(?:nach|bei) meiner rückkehr\\b"),
            p("\\b(?:à|dès) mon retour\\b"),
            p("\\b(?:a mi regreso|a la vuelta|cuando regrese)\\b"));
    /**
     * "We're closed right now", "our office is closed": an auto-responder's, or a client asking about a banner that
     * says so ("our website says we're closed today, can you take it down?"); they count only without a question.
     */
    static final List<Pattern> CLOSED_STATEMENTS = List.of(
            p("\\b(?:our|the) (?:office|offices|practice|team|studio|shop) (?:is|are) (?:currently |now )?(?:closed|offline|out of (?:the )?office)\\b"),
            p("\\bwe(?:'re| are) (?:currently )?(?:closed|offline|out of (?:the )?office) (?:right now|at the moment|today|until|for)\\b"));
    /** A date of return: "until", "back on", "bis", "jusqu'au", "de retour le", "hasta", "regreso el". */
    static final Pattern RETURN_DATE = p("\\b(?:until|till|back on|back in the office|bis|ab dem|wieder da|jusqu'|de retour"
            + "|hasta|regreso el|vuelvo el)");

    /** Canned texts that a phone sends by itself: driving mode, do not disturb, Focus, "can't talk right now". */
    static final List<Pattern> AUTO_TEXT = List.of(
            p("\\b(?:i'm|i am) driving(?: right now| at the moment| with driving focus turned on)?(?=[.,!;:)-]|$| and i| so i)"),
            p("\\b(?:i have|i've) notifications silenced\\b|\\bnotifications (?:silenced|are silenced) with (?:focus|driving focus)\\b"),
            p("\\bi'll see your message when i\\b"),
            p("\\bdo not disturb (?:is on|is enabled|while driving)\\b"),
            p("\\bsorry, i (?:can't|cannot) (?:talk|answer) (?:right )?now\\b"),
            p("\\bich fahre gerade(?: auto)?(?=[.,!;:)-]|$| und)|\\bnicht stören ist (?:aktiv|an|eingeschaltet)\\b"),
            p("\\b(?:mitteilungen|benachrichtigungen) (?:mit (?:dem )?fokus |sind )?stumm(?:geschaltet)?\\b"),
            p("\\bje (?:conduis|suis au volant)(?: en ce moment)?(?=[.,!;:)-]|$| et)|\\bne pas déranger est (?:activé|actif)\\b"),
            p("\\b(?:notifications|j'ai mis les notifications) (?:sont )?en (?:mode )?silencieux\\b"),
            p("\\bestoy (?:conduciendo|manejando)\\b|\\bno molestar está (?:activado|activo)\\b"),
            p("\\b(?:tengo las notificaciones|notificaciones) silenciadas\\b"));
    /** A marker that opens or closes a canned text: "Auto-reply: ...", "... (auto-reply)", "[Respuesta automática]". */
    static final Pattern AUTO_MARKER = p("^(?:[\\[(]\\s*(?:auto-?reply|automatic reply|auto|auto-?text|automated reply"
            + "|message automatique|mensaje automático|réponse auto(?:matique)?|respuesta automática|automatische antwort)"
            + "\\s*[\\])]|(?:auto-?reply|automatic reply|auto-?text|automated reply|message automatique|mensaje automático"
            + "|réponse auto(?:matique)?|respuesta automática|automatische antwort)\\s*:)|[\\[(](?:auto-?reply|auto|automatic reply|message automatique|respuesta automática"
            + "|mensaje automático|automatische antwort|réponse automatique)[\\])]\\s*$");

    /** Read receipts, by subject: "Read: ...", "Gelesen: ...", "Lu : ...", "Leído: ...". */
    static final Pattern READ_RECEIPT_SUBJECT = p("^(?:read|not read|gelesen|nicht gelesen|lu|non lu|leído|leido|no leído"
            + "|read receipt|return receipt|lesebestätigung|accusé de lecture|confirmación de lectura)\\s*:");
    /** A read receipt's body in en/de/fr/es. */
    static final List<Pattern> READ_RECEIPT_TEXT = List.of(
            p("\\bwas read on\\b|\\bwurde am\\b[^.]{0,40}\\bgelesen\\b|\\ba été lu le\\b|\\bse leyó el\\b|\\bfue leído el\\b"));

    /** Delivery status notifications and bounces, by subject. */
    static final Pattern BOUNCE_SUBJECT = p("^(?:undeliverable|undelivered mail|delivery status notification|mail delivery"
            + " (?:failed|failure|subsystem)|delivery (?:failure|failed|has failed|delayed|notification)|returned mail"
            + "|failure notice|message not delivered|unzustellbar|nicht zustellbar|zustellung fehlgeschlagen"
            + "|non remis|non distribué|message non distribué|échec de (?:la )?(?:remise|distribution)|mensaje no entregado"
            + "|no se puede entregar|no entregado|notificación de estado de entrega|error de entrega)");
    /** A bounce's or a delivery report's body in en/de/fr/es. */
    static final List<Pattern> BOUNCE_TEXT = List.of(
            p("\\b(?:could not|couldn't|cannot) be delivered to (?:one or more|the following|all) recipients?\\b"),
            p("\\bdelivery (?:has failed|to the following recipients? (?:failed|has been delayed))\\b"),
            p("\\bthis is the mail (?:system|delivery software) at\\b|\\bmailer-daemon\\b"),
            p("\\bmessage delivered to\\b"),
            p("\\bkonnte (?:an einen oder mehrere empfänger )?nicht zugestellt werden\\b|\\bdies ist das mailsystem\\b"),
            p("\\bn'a pas pu être (?:distribué|remis|délivré)\\b|\\bceci est le système de messagerie\\b"),
            p("\\bno se pudo entregar\\b|\\beste es el sistema de correo\\b"));

    /** Calendar answers to an invitation, by subject: "Accepted: ...", "Abgelehnt: ...", "Accepté : ...". */
    static final Pattern CALENDAR_SUBJECT = p("^(?:accepted|declined|tentative|tentatively accepted|angenommen|abgelehnt"
            + "|mit vorbehalt angenommen|vorläufig angenommen|accepté|refusé|provisoire|aceptado|rechazado|provisional"
            + "|aceptado provisionalmente)\\s*:");
    /** A calendar answer's body. */
    static final List<Pattern> CALENDAR_TEXT = List.of(
            p("\\bhas (?:accepted|declined|tentatively accepted) (?:this|your) (?:invitation|meeting|event)\\b"
                    + "|\\bhat (?:diese|ihre) einladung (?:angenommen|abgelehnt)\\b|\\ba (?:accepté|refusé) (?:cette|votre) invitation\\b"
                    + "|\\bha (?:aceptado|rechazado) (?:esta|tu|su) invitación\\b"));

    /**
     * Helpdesk acknowledgements: "a ticket has been created", "Ihre Anfrage ist bei uns eingegangen". Their subject
     * repeats the request's ("Ticket received - Website is down").
     */
    static final List<Pattern> ACKNOWLEDGEMENT_TEXT = List.of(
            p("\\b(?:a|your) (?:support )?(?:ticket|case|request) (?:#?\\d+ )?(?:has been|was) (?:created|opened|logged)\\b"),
            p("\\backnowledge (?:that we have )?receiv(?:ed|ing|e) your (?:request|message|e-?mail|enquiry|inquiry)\\b"),
            p("\\bihre (?:anfrage|nachricht|e-?mail) (?:ist|wurde) (?:bei uns )?(?:eingegangen|erfasst)\\b"),
            p("\\b(?:votre|un) (?:ticket|demande) (?:n° ?\\d+ )?a (?:bien )?été (?:créée?|enregistrée?)\\b"),
            p("\\b(?:se ha creado|hemos creado) (?:un|el) ticket\\b|\\bsu (?:solicitud|consulta) ha sido registrada\\b"));

    /** A message that opens with "FYI", perhaps after a greeting: no answer is expected. */
    static final Pattern FYI_OPENING = p("(?:(?:hi|hello|hey|dear)\\b[^.!?,:]{0,30}[,:!.]? )?fyi\\b");
    /** Phrases anywhere that say no answer is expected. */
    static final Pattern FYI = p("\\bno action (?:is )?(?:needed"
            + "|required|necessary)\\b|\\bno need to (?:reply|respond|answer)\\b|\\bno (?:reply|response) (?:needed"
            + "|necessary|required)\\b|\\bfor your (?:information|records|reference)\\b|\\bjust (?:so you know|a heads[- ]up"
            + "|letting you know|to let you know|keeping you posted|to keep you posted)\\b|\\bnur zur info\\b"
            + "|\\bzur kenntnis\\b|\\bpour info(?:rmation)?\\b|\\bpara (?:tu|su) información\\b");

    /**
     * A notice that an incident is over: monitors reporting UP, status pages and alerting tools saying resolved or
     * mitigated, "back online". An emergency phrase ("down again", "still down") wins over it.
     */
    static final Pattern RECOVERED = p("\\bmonitor is up\\b|\\bis up again\\b|\\bstatus: up\\b|\\bestado: up\\b"
            + "|\\b(?:é|e)tat ?: up\\b|\\bresolved(?::| -| –) |\\b(?:incident|issue|alert) (?:#?\\d+ )?(?:has been |is |was )?"
            + "(?:auto-?)?resolved\\b|\\b(?:this|the) incident has been resolved\\b|\\bauto-?resolved\\b|\\brecovered: "
            + "|\\bstatus: mitigated\\b|\\bhas (?:detected and )?mitigated\\b|\\bback (?:up|online) (?:again|at|after|since)\\b"
            + "|\\bwieder (?:erreichbar|online|verfügbar)\\b|\\bbehoben: |\\bde nouveau (?:en ligne|accessible|disponible)\\b"
            + "|\\brésolu ?: |\\bresuelto: |\\bestuvo caído durante\\b|\\bde nuevo (?:en línea|disponible|operativ[oa])\\b");

    /** An unsubscribe link ... */
    static final Pattern UNSUBSCRIBE = p("\\b(?:unsubscribe|abbestellen|abmelden|désinscrire|désabonner|se désinscrire|se désabonner"
            + "|darse de baja|cancelar (?:la )?suscripción)\\b");
    /** ... together with the furniture of a newsletter. */
    static final Pattern NEWSLETTER = p("\\b(?:newsletter|view (?:it |this (?:e-?mail |message )?)?(?:in|on) (?:your |a |the )?"
            + "(?:web )?browser|manage (?:your )?(?:e-?mail |subscription |notification )?(?:preferences|subscriptions?"
            + "|settings)|you (?:are )?receiv(?:ed|ing) this (?:e-?mail|message|newsletter)|webversion"
            + "|im browser (?:ansehen|anzeigen|öffnen)|lettre d'information|vous êtes inscrite?s? à)\\b");

    /** Words that say thank you. */
    static final Set<String> THANKS = Set.of("thanks", "thank", "thx", "thnx", "ty", "tysm", "cheers", "danke",
            "dank", "dankeschön", "merci", "gracias", "appreciated", "appreciate", "kudos");
    static final int LONGEST_THANKS = THANKS.stream().mapToInt(String::length).max().orElseThrow();

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
