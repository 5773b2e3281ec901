from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# No database check here: a worker booting during a database outage answers 503 until it is
# back. The server's first start is checked by its master (config/gunicorn.py).
application = get_wsgi_application()
