import type { Condition } from "@aws-sdk/client-glue";
import { nodeKey } from "./actions.js";
import type { TriggerRecord } from "./triggers.js";

/**
 * Triggers by the job or crawler nodes they watch (their predicate's conditions) and by those
 * they start (their actions), so that an action ending re-evaluates only the triggers that
 * watch it, and "may this scope still start job X" looks at the triggers that start X.
 */
export class TriggerIndex {
  private readonly watching = new Map<string, TriggerRecord[]>();
  private readonly starting = new Map<string, TriggerRecord[]>();

  constructor(triggers: Iterable<TriggerRecord>) {
    for (const trigger of triggers) {
      for (const condition of trigger.Predicate?.Conditions ?? []) {
        const key = conditionKey(condition);
        if (key !== undefined) addTo(this.watching, key, trigger);
      }
      for (const action of trigger.Actions) {
        const key = action.JobName !== undefined ? nodeKey("JOB", action.JobName) : action.CrawlerName !== undefined ? nodeKey("CRAWLER", action.CrawlerName) : undefined;
        if (key !== undefined) addTo(this.starting, key, trigger);
      }
    }
  }

  /** The triggers with a condition on this node (`TYPE:name`). */
  watchers(key: string): readonly TriggerRecord[] {
    return this.watching.get(key) ?? [];
  }

  /** The triggers with an action starting this node (`TYPE:name`). */
  starters(key: string): readonly TriggerRecord[] {
    return this.starting.get(key) ?? [];
  }
}

function conditionKey(condition: Condition): string | undefined {
  if (condition.JobName !== undefined) return nodeKey("JOB", condition.JobName);
  if (condition.CrawlerName !== undefined) return nodeKey("CRAWLER", condition.CrawlerName);
  return undefined;
}

function addTo(map: Map<string, TriggerRecord[]>, key: string, trigger: TriggerRecord): void {
  const list = map.get(key);
  if (!list) map.set(key, [trigger]);
  else if (!list.includes(trigger)) list.push(trigger);
}
