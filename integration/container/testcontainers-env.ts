/**
 * Imported before testcontainers: no registry can be reached here, so testcontainers must not pull its
 * reaper (Ryuk) or its host-probing helper image. Without the reaper, every test stops what it starts.
 */
process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
process.env.TESTCONTAINERS_HOST_OVERRIDE ??= 'localhost';
export {};
