#!/usr/bin/env node
import { main } from '../dist/cli/entry.js';

main();
