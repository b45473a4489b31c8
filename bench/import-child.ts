// Excel import of N customers through the import module's own path (upload → checked preview →
// commit), in its own process so that the peak RSS reported is the import's. Usage:
//   node --import tsx bench/import-child.ts <fresh-db-file> <xlsx-file>
// Prints one JSON line: {rows, imported, uploadSeconds, commitSeconds, seconds, peakRssMb, readSeconds, …};
// the CPU seconds of each phase (user + system) are printed too: on a shared machine they drift less than the wall clock.
import { openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { bootstrapCompany } from '../src/modules/admin/service.ts';
import { customerImportTarget } from '../src/modules/customers/import-export.ts';
import { commitImport, uploadImport } from '../src/modules/imports/service.ts';
import { registerImportTarget } from '../src/modules/imports/target.ts';
import { readXlsxRows } from '../src/platform/excel/index.ts';
import { isoNow } from '../src/platform/time.ts';
import { contextFor } from './context.ts';

const [dbFile, xlsx] = process.argv.slice(2) as [string, string];
const handle = openSqlite(dbFile);
await migrateToLatest(handle.db);
const { companyId, userId } = await handle.db.transaction().execute(async (tx) => {
  const c = await bootstrapCompany(tx, { code: 'IMPORT', name: '导入基准公司', shortName: null, taxId: null, address: null, phone: null }, { userId: null, companyId: null });
  const u = await tx.insertInto('users').values({ username: 'importclerk', displayName: '内勤', passwordHash: 'x', mustChangePassword: 0, searchKey: 'neiqin', createdAt: isoNow() }).returning('id').executeTakeFirstOrThrow();
  await tx.insertInto('memberships').values({ userId: u.id, companyId: c.companyId, roleId: c.roleIds.clerk!, departmentId: c.rootDepartmentId, createdAt: isoNow() }).execute();
  return { companyId: c.companyId, userId: u.id };
});
registerImportTarget(customerImportTarget); // what building the app's routes does
const ctx = await contextFor(handle.db, userId, companyId, 'bench-import');
const rssBefore = process.memoryUsage().rss;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const c0 = cpu();
const t0 = performance.now();
const job = await uploadImport(handle.db, ctx, 'customers', { path: xlsx, fileName: 'customers.xlsx' });
const t1 = performance.now();
const c1 = cpu();
const uploadPeakRssMb = process.resourceUsage().maxRSS / 1024;
const done = await commitImport(handle.db, ctx, job.id, 'all_or_nothing');
const t2 = performance.now();
const c2 = cpu();
const peakRssMb = process.resourceUsage().maxRSS / 1024;
// the ceiling: reading the same file with the streaming reader alone (no checks, no database)
let read = 0;
const t3 = performance.now();
for await (const _row of readXlsxRows(xlsx, customerImportTarget.columns)) read++;
const t4 = performance.now();
const imported = Number((await handle.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).where('companyId', '=', companyId).executeTakeFirstOrThrow()).n);
await handle.close();
process.stdout.write(
  JSON.stringify({
    rows: job.totalRows, invalid: job.invalidRows, imported, status: done.status,
    uploadSeconds: (t1 - t0) / 1000, commitSeconds: (t2 - t1) / 1000, seconds: (t2 - t0) / 1000,
    uploadCpuSeconds: c1 - c0, commitCpuSeconds: c2 - c1, peakRssMb, uploadPeakRssMb, baselineRssMb: rssBefore / 1024 / 1024, readRows: read, readSeconds: (t4 - t3) / 1000,
  }) + '\n',
);
