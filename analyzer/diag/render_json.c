/* diag/render_json.c - stub, being written */
