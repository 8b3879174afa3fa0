package dev.afterhours.ingest.webform;

import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the form says, in English, German, French and Spanish: the client's {@code language} (a BCP 47 tag, of which
 * the language counts: {@code de-AT} is German) picks one; any other language, or none, is English.
 *
 * @param lang the language tag of the page ({@code <html lang>})
 */
public record FormTexts(
        String lang,
        String title,
        String intro,
        String name,
        String contact,
        String contactHint,
        String what,
        String severity,
        String critical,
        String high,
        String normal,
        String low,
        String send,
        String thanksTitle,
        String thanks,
        String required,
        String badContact,
        String tooLong,
        String badSeverity,
        String retry,
        String forged,
        String rateLimited,
        String unavailable,
        String notFound,
        String problemsTitle) {

    static final FormTexts EN = new FormTexts("en",
            "Report a problem",
            "For %s. Tell us what is broken; urgent problems reach the person on call, at any hour.",
            "Your name",
            "Your e-mail address or phone number",
            "So we can answer you.",
            "What is broken?",
            "How bad is it?",
            "Everything is down: we cannot work or sell",
            "Something important is broken",
            "Something is wrong, but we can work",
            "A question or a small issue",
            "Send",
            "Thank you",
            "We have your message and will answer as soon as we can.",
            "Please fill this in.",
            "Please give an e-mail address or a phone number.",
            "Please keep it under %d characters.",
            "Please choose how bad it is.",
            "This page has expired or was sent too quickly. Please check your message and send it again.",
            "This form could not be verified. Please reload the page and try again.",
            "Too many messages from your address. Please try again in a few minutes, or call us if it is urgent.",
            "We cannot take your message right now. Please try again in a few minutes, or call us if it is urgent.",
            "There is no such form.",
            "Please check the form");

    static final FormTexts DE = new FormTexts("de",
            "Problem melden",
            "Für %s. Sagen Sie uns, was nicht funktioniert; dringende Probleme erreichen rund um die Uhr die "
                    + "Bereitschaft.",
            "Ihr Name",
            "Ihre E-Mail-Adresse oder Telefonnummer",
            "Damit wir Ihnen antworten können.",
            "Was funktioniert nicht?",
            "Wie schlimm ist es?",
            "Nichts geht mehr: Wir können nicht arbeiten oder verkaufen",
            "Etwas Wichtiges funktioniert nicht",
            "Etwas stimmt nicht, aber wir können arbeiten",
            "Eine Frage oder ein kleines Problem",
            "Senden",
            "Vielen Dank",
            "Wir haben Ihre Nachricht erhalten und antworten so bald wie möglich.",
            "Bitte füllen Sie dieses Feld aus.",
            "Bitte geben Sie eine E-Mail-Adresse oder eine Telefonnummer an.",
            "Bitte fassen Sie sich kürzer als %d Zeichen.",
            "Bitte wählen Sie, wie schlimm es ist.",
            "Diese Seite ist abgelaufen oder wurde zu schnell gesendet. Bitte prüfen Sie Ihre Nachricht und senden "
                    + "Sie sie erneut.",
            "Dieses Formular konnte nicht geprüft werden. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.",
            "Zu viele Nachrichten von Ihrer Adresse. Bitte versuchen Sie es in ein paar Minuten noch einmal, oder rufen "
                    + "Sie uns an, wenn es dringend ist.",
            "Wir können Ihre Nachricht gerade nicht annehmen. Bitte versuchen Sie es in ein paar Minuten noch einmal, "
                    + "oder rufen Sie uns an, wenn es dringend ist.",
            "Dieses Formular gibt es nicht.",
            "Bitte prüfen Sie das Formular");

    static final FormTexts FR = new FormTexts("fr",
            "Signaler un problème",
            "Pour %s. Dites-nous ce qui ne fonctionne pas ; les problèmes urgents parviennent à la personne "
                    + "d'astreinte, à toute heure.",
            "Votre nom",
            "Votre adresse e-mail ou numéro de téléphone",
            "Pour que nous puissions vous répondre.",
            "Qu'est-ce qui ne fonctionne pas ?",
            "Quelle est la gravité ?",
            "Tout est en panne : nous ne pouvons ni travailler ni vendre",
            "Quelque chose d'important ne fonctionne pas",
            "Quelque chose ne va pas, mais nous pouvons travailler",
            "Une question ou un petit souci",
            "Envoyer",
            "Merci",
            "Nous avons bien reçu votre message et vous répondrons dès que possible.",
            "Veuillez remplir ce champ.",
            "Veuillez indiquer une adresse e-mail ou un numéro de téléphone.",
            "Veuillez rester sous %d caractères.",
            "Veuillez choisir la gravité.",
            "Cette page a expiré ou a été envoyée trop vite. Veuillez vérifier votre message et l'envoyer à nouveau.",
            "Ce formulaire n'a pas pu être vérifié. Veuillez recharger la page et réessayer.",
            "Trop de messages depuis votre adresse. Veuillez réessayer dans quelques minutes, ou appelez-nous si c'est "
                    + "urgent.",
            "Nous ne pouvons pas prendre votre message pour le moment. Veuillez réessayer dans quelques minutes, ou "
                    + "appelez-nous si c'est urgent.",
            "Ce formulaire n'existe pas.",
            "Veuillez vérifier le formulaire");

    static final FormTexts ES = new FormTexts("es",
            "Informar de un problema",
            "Para %s. Cuéntenos qué no funciona; los problemas urgentes llegan a la persona de guardia, a cualquier hora.",
            "Su nombre",
            "Su correo electrónico o teléfono",
            "Para poder responderle.",
            "¿Qué no funciona?",
            "¿Qué tan grave es?",
            "Todo está caído: no podemos trabajar ni vender",
            "Algo importante no funciona",
            "Algo va mal, pero podemos trabajar",
            "Una pregunta o un problema menor",
            "Enviar",
            "Gracias",
            "Hemos recibido su mensaje y le responderemos lo antes posible.",
            "Por favor, rellene este campo.",
            "Por favor, indique un correo electrónico o un número de teléfono.",
            "Por favor, use menos de %d caracteres.",
            "Por favor, elija qué tan grave es.",
            "Esta página ha caducado o se envió demasiado rápido. Revise su mensaje y envíelo de nuevo.",
            "No se pudo verificar este formulario. Vuelva a cargar la página e inténtelo de nuevo.",
            "Demasiados mensajes desde su dirección. Inténtelo de nuevo en unos minutos, o llámenos si es urgente.",
            "No podemos recibir su mensaje en este momento. Inténtelo de nuevo en unos minutos, o llámenos si es "
                    + "urgente.",
            "Este formulario no existe.",
            "Por favor, revise el formulario");

    private static final Map<String, FormTexts> BY_LANGUAGE = Map.of("en", EN, "de", DE, "fr", FR, "es", ES);

    /** The texts for a client's language tag; English when there is none or it is not one of ours. */
    public static FormTexts forLanguage(@Nullable String tag) {
        if (tag == null || tag.isBlank()) {
            return EN;
        }
        try {
            String language = new Locale.Builder().setLanguageTag(tag.strip()).build().getLanguage();
            return BY_LANGUAGE.getOrDefault(language, EN);
        } catch (IllformedLocaleException e) {
            return EN;
        }
    }

    /** The label of a severity choice. */
    public String label(Severity severity) {
        return switch (severity) {
            case CRITICAL -> critical;
            case HIGH -> high;
            case NORMAL -> normal;
            case LOW -> low;
        };
    }
}
