/* frontend/cdb.c - stub, being written */
