/** Questionnaires scored from pack data: answers checked, totals, bands and alert rules. */
export {
  checkAnswers,
  isShown,
  scoreQuestionnaire,
  type AnsweredItem,
  type FiredRule,
  type ScoredQuestionnaire,
  type ScoredTotal,
} from './score-questionnaire';
export { demoAnswers } from './demo-answers';
export { GAD7, PHQ9, REMISSION_BELOW, trackProgress, type VisitScores } from './progress';
