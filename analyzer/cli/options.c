/* cli/options.c - stub, being written */
