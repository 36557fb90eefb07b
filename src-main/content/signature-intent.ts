/**
 * What a client agrees to when they sign by typing their name instead of drawing (for a client
 * who cannot draw): an explicit statement of intent, shown beside the typed name and sealed
 * with the record word for word (ESIGN and UETA ask that the signer intend the typed name as
 * their signature). Kept here, not in a pack, so every programme says the same thing.
 */
import { localText, type LocalText } from './local-text';

const TYPED_SIGNATURE_INTENT: LocalText = {
  en: 'I am signing by typing my name. I mean my typed name to be my signature. It has the same meaning as signing by hand.',
  es: 'Estoy firmando al escribir mi nombre. Mi nombre escrito es mi firma. Tiene el mismo valor que una firma hecha a mano.',
};

/** The statement in `locale` (its language, else English). */
export function typedSignatureIntent(locale: string): string {
  return localText(TYPED_SIGNATURE_INTENT, locale, 'en');
}
