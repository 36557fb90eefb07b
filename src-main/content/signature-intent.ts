/**
 * Main's own words on signing, the same in every programme (a pack gives only what its
 * signature means: `meaning` on its signature step):
 *
 * - the electronic-signing disclosure every client accepts before signing: that signing here has
 *   the same meaning as on paper, that they may ask for a paper form instead, and that they can
 *   get a copy (UETA section 5(b) and ESIGN 15 U.S.C. 7001(c) ask that a person agree to sign
 *   electronically, knowing a paper way exists and how to get a copy);
 * - what a client agrees to when they sign by typing their name instead of drawing (for a client
 *   who cannot draw): an explicit statement of intent, shown beside the typed name (ESIGN and
 *   UETA ask that the signer intend the typed name as their signature).
 *
 * Each is sealed with the record word for word, with its SHA-256.
 */
import { localText, type LocalText } from './local-text';

const SIGNING_DISCLOSURE: LocalText = {
  en: 'You are about to sign on this screen. Signing here has the same meaning as signing on paper. If you would rather sign a paper form, please ask the front desk. You can get a copy of what you sign: print it at the end if this kiosk offers it, or ask the front desk.',
  es: 'Está a punto de firmar en esta pantalla. Firmar aquí tiene el mismo valor que firmar en papel. Si prefiere firmar un formulario en papel, pídalo en la recepción. Puede recibir una copia de lo que firma: imprímala al final si este quiosco lo ofrece, o pídala en la recepción.',
};

const TYPED_SIGNATURE_INTENT: LocalText = {
  en: 'I am signing by typing my name. I mean my typed name to be my signature. It has the same meaning as signing by hand.',
  es: 'Estoy firmando al escribir mi nombre. Mi nombre escrito es mi firma. Tiene el mismo valor que una firma hecha a mano.',
};

/** The electronic-signing disclosure in `locale` (its language, else English). */
export function signingDisclosure(locale: string): string {
  return localText(SIGNING_DISCLOSURE, locale, 'en');
}

/** The statement in `locale` (its language, else English). */
export function typedSignatureIntent(locale: string): string {
  return localText(TYPED_SIGNATURE_INTENT, locale, 'en');
}
