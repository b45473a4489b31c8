// Collections 回款与催收: collection plans 回款计划 (plans.ts), dunning 催收 (dunning.ts) and the daily
// job of overdue alerts and broken promises (job.ts). This file is the module's only door.
export { planProgress, getPlan, listPlans, planHistory, createPlan, updatePlan, cancelPlan } from './plans.ts';
export { suggestedLevel, logDunning, getDunning, listDunning, customerCollection } from './dunning.ts';
export { runCollectionsJob } from './job.ts';
export { worklist } from './worklist.ts';
export { planExport, dunningExport } from './export.ts';
