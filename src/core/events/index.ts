/** Event payload → what to scan. Pure; see plan.ts and push.ts. */
export {
  type ActionEvent,
  type HistoryPlan,
  isZeroSha,
  type PushPlan,
  planScan,
  type RangePlan,
  type ScanPlan,
  type SkipPlan,
  SUPPORTED_EVENTS,
  short,
} from "./plan.js";
export {
  type ApiTarget,
  isDefaultBranch,
  needsRemoteRefs,
  type PushBaseline,
  type PushFacts,
  pushApiTarget,
  pushBaseline,
  pushExclusions,
  type RemoteRef,
} from "./push.js";
