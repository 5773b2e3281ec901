from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

from config import startup

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Without its database the server would answer every request with a 503: stop here instead,
# with the reason in the log (gunicorn: "Worker failed to boot").
startup.require_database()
