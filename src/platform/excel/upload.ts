import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { platformError } from '../errors/app-error.ts';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]); // "PK\3\4": an .xlsx is a ZIP archive

export type SavedUpload = { path: string; fileName: string; size: number; fields: Record<string, string>; remove: () => Promise<void> };

/** Checks the first bytes of the upload as they pass, so a renamed .xls or .csv is refused without parsing. */
function magicCheck(): Transform {
  let head = Buffer.alloc(0);
  let checked = false;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (!checked) {
        head = Buffer.concat([head, chunk]);
        if (head.length >= 4) {
          checked = true;
          if (!head.subarray(0, 4).equals(ZIP_MAGIC)) return cb(platformError('UNSUPPORTED_FILE'));
        }
      }
      cb(null, chunk);
    },
    flush(cb) {
      if (!checked) return cb(platformError('UNSUPPORTED_FILE'));
      cb();
    },
  });
}

/**
 * Receives the one multipart file of the request into a temporary file: .xlsx only (by extension and by
 * the ZIP magic bytes), within the app's upload size limit (@fastify/multipart → PAYLOAD_TOO_LARGE).
 * The caller parses it as a stream and removes it.
 */
export async function receiveXlsx(req: FastifyRequest): Promise<SavedUpload> {
  if (!req.isMultipart()) throw platformError('UNSUPPORTED_FILE');
  const part = await req.file();
  if (!part) throw platformError('UNSUPPORTED_FILE');
  const fileName = part.filename || 'upload.xlsx';
  if (path.extname(fileName).toLowerCase() !== '.xlsx') {
    part.file.resume();
    throw platformError('UNSUPPORTED_FILE');
  }
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(part.fields)) {
    const f = v as { type?: string; value?: unknown };
    if (f && f.type === 'field') fields[k] = String(f.value);
  }
  const dir = path.join(os.tmpdir(), 'salesdesk-uploads');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${randomUUID()}.xlsx`);
  const remove = () => fs.promises.rm(file, { force: true });
  try {
    await pipeline(part.file, magicCheck(), fs.createWriteStream(file));
  } catch (err) {
    await remove();
    throw err;
  }
  if (part.file.truncated) {
    await remove();
    throw platformError('PAYLOAD_TOO_LARGE');
  }
  const size = (await fs.promises.stat(file)).size;
  return { path: file, fileName, size, fields, remove };
}
