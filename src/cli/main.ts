#!/usr/bin/env node
// The `authpack` executable: runs the CLI and sets the exit code (never process.exit, so output is flushed).
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv.slice(2));
