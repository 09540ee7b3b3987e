/**
 * The connection to Podio's IndexedDB: opened once per context and shared by every db-*.ts module,
 * and let go when an extension update needs the database for its upgrade.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME, DB_VERSION, upgrade, type PodioDB } from './db-schema';

let opening: Promise<IDBPDatabase<PodioDB>> | null = null;

/** Open (and upgrade) the database once per context. */
export function openPodioDb(name = DB_NAME): Promise<IDBPDatabase<PodioDB>> {
  if (name !== DB_NAME) return open(name);
  opening ??= open(name).catch((err: unknown) => {
    opening = null;
    throw err;
  });
  return opening;
}

/** Tests only (through db.ts's resetDbForTests): close and forget the cached connection. */
export function forgetConnectionForTests(): void {
  const cached = opening;
  opening = null;
  void cached?.then(
    (db) => db.close(),
    () => undefined,
  );
}

function open(name: string): Promise<IDBPDatabase<PodioDB>> {
  return openDB<PodioDB>(name, DB_VERSION, {
    upgrade: (db, oldVersion, _newVersion, transaction) => upgrade(db, oldVersion, transaction),
    blocking(_current, _blocked, event) {
      // A newer version (an extension update) wants the database: let it, by closing this
      // connection (a connection left open blocks its upgrade).
      (event.target as IDBDatabase).close();
      opening = null;
    },
  });
}
