/* ir/cfg_build.c - stub, being written */
