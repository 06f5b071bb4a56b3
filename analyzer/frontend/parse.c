/* frontend/parse.c - stub, being written */
