/* diag/render_short.c - stub, being written */
