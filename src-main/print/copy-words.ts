/**
 * The client's copy's own words, in each language the kiosk's screens speak (US English, plain,
 * grade 8; Spanish for Spanish speakers in the US, with usted). What the client read, confirmed
 * and answered is printed in the words they saw; these are only the headings around them. Typed
 * per locale, so a word missing from one language fails to compile.
 */
import { resolveLocale } from '../content';

export interface CopyWords {
  title: string;
  intro: string;
  phone: string;
  email: string;
  name: string;
  dateOfBirth: string;
  submitted: string;
  statements: string;
  answers: string;
  notAnswered: string;
  yes: string;
  no: string;
  signature: string;
  meaning: string;
  agreement: string;
  typedStatement: string;
  printedName: string;
  signedAt: string;
  notSigned: string;
  textHash: string;
  record: (submissionId: string) => string;
  page: (page: number, count: number) => string;
}

const WORDS = {
  en: {
    title: 'Your copy',
    intro: 'This is your copy of what you confirmed, answered and signed at the kiosk.',
    phone: 'Phone',
    email: 'Email',
    name: 'Name',
    dateOfBirth: 'Date of birth',
    submitted: 'Finished',
    statements: 'Statements you confirmed',
    answers: 'Your answers',
    notAnswered: 'Not answered',
    yes: 'Yes',
    no: 'No',
    signature: 'Your signature',
    meaning: 'What your signature means',
    agreement: 'You agreed to sign on the screen',
    typedStatement: 'You signed by typing your name',
    printedName: 'Printed name',
    signedAt: 'Signed',
    notSigned: 'This program does not ask for a signature.',
    textHash: 'Text ID (SHA-256)',
    record: (submissionId) => `Record ${submissionId}`,
    page: (page, count) => `page ${page} of ${count}`,
  },
  es: {
    title: 'Su copia',
    intro: 'Esta es su copia de lo que confirmó, respondió y firmó en el quiosco.',
    phone: 'Teléfono',
    email: 'Correo electrónico',
    name: 'Nombre',
    dateOfBirth: 'Fecha de nacimiento',
    submitted: 'Terminado',
    statements: 'Frases que usted confirmó',
    answers: 'Sus respuestas',
    notAnswered: 'Sin respuesta',
    yes: 'Sí',
    no: 'No',
    signature: 'Su firma',
    meaning: 'Lo que significa su firma',
    agreement: 'Usted aceptó firmar en la pantalla',
    typedStatement: 'Usted firmó al escribir su nombre',
    printedName: 'Nombre en letra de molde',
    signedAt: 'Firmado',
    notSigned: 'Este programa no pide una firma.',
    textHash: 'Identificador del texto (SHA-256)',
    record: (submissionId) => `Registro ${submissionId}`,
    page: (page, count) => `página ${page} de ${count}`,
  },
} satisfies Record<string, CopyWords>;

export type CopyLocale = keyof typeof WORDS;
const COPY_LOCALES = Object.keys(WORDS) as CopyLocale[];

/** The copy's language for `locale`: itself, its base language, else English. */
export function copyLocale(locale: string): CopyLocale {
  return resolveLocale(locale, COPY_LOCALES, 'en') as CopyLocale;
}

export function copyWords(locale: CopyLocale): CopyWords {
  return WORDS[locale];
}
