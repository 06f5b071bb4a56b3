/* ir/cfg_dump.c - stub, being written */
