"""Routers of the HTTP API, one module per resource; :data:`service.main.ROUTERS` lists them."""
