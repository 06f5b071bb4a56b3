/* diag/render_human.c - stub, being written */
