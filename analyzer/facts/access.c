/* access.c - stub, being written */
