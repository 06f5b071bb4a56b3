/* diag/sink.c - stub, being written */
