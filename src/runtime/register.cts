// intercom-migrate/runtime/register: `node --import intercom-migrate/runtime/register app.js` (or `--require`) guards
// every request of the process to Intercom, configured by INTERCOM_MIGRATE_RUNTIME(_HOSTS, _REPORT).
import { installGuard } from "./install.cjs";

installGuard();
