import { loadConfig } from './config.ts';
import { openDatabase } from '../db/database.ts';
import { sealAudit, verifyAudit } from '../platform/audit/audit.ts';

/** `npm run audit:verify`: seals what is pending, then walks the chain and reports the first broken link. */
const handle = openDatabase(loadConfig());
const sealed = await sealAudit(handle.db);
const result = await verifyAudit(handle.db);
await handle.close();
if (result.ok) {
  console.log(`审计链完整 / audit chain intact: ${result.sealed} records (${sealed} sealed now, ${result.unsealed} pending)`);
} else {
  console.error(`审计链断裂 / audit chain BROKEN at chain_seq ${result.brokenAt.chainSeq} (audit_log.id ${result.brokenAt.id ?? '?'}): ${result.brokenAt.reason}`);
  process.exit(1);
}
