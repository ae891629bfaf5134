"""Settings for the Chinese Cities course platform.

Every environment differs only through environment variables; the defaults give a development
site on an SQLite file. Production needs at least SECRET_KEY and ALLOWED_HOSTS.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set SECRET_KEY in the environment (or DEBUG=1 for development)."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-used-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The project's own apps; backups cover their models (backup/discover.py).
PROJECT_APPS = [
    "core",
    "courses",
    "weeks",
    "readings",
    "glossary",
    "accounts",
    "assignments",
    "announcements",
    "live",
    "presentations",
    "outbox",
    "search",
    "backup",
    "demo",
    "copying",
]

# Templates and static files live in the apps (<app>/templates/, <app>/static/), so an installed
# wheel carries them; core holds the site-wide ones (base.html, the error pages, css/, js/).
# The admin templates of weeks (admin/weeks/week/...) are model-specific names the admin does not
# ship, so they need not come before django.contrib.admin; a template overriding one of the
# admin's own names would need its app listed above "django.contrib.admin".
INSTALLED_APPS = [
    "core.apps.DashboardAdminConfig",  # django.contrib.admin, its index led by the dashboard
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "csp",
    "markdownx",
    *PROJECT_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before CSP: a cached page replays its stored CSP header instead of building it again.
    "core.pagecache.PublicPageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # IMMEDIATE takes the write lock when a transaction starts, so two writers queue up instead
    # of failing halfway; SQLite ignores select_for_update, this is its row-lock equivalent.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # A miss, not a 500, while Redis is away (core/cache.py).
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "seminar"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    CACHES["throttle"] = CACHES["default"]
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            # Cached pages, this process's own (one per page and allowed query value).
            "OPTIONS": {"MAX_ENTRIES": 1000},
        },
        # Login and enrolment counters, shared by every worker process through the database.
        "throttle": {"BACKEND": "core.counters.CounterCache"},
    }
# Sessions live in the database, so evicting cached pages or restarting Redis logs nobody out;
# a shared Redis only saves the query (a per-process cache could outlive a logout elsewhere).
SESSION_ENGINE = "django.contrib.sessions.backends." + ("cached_db" if REDIS_URL else "db")

# Cached public pages (core/pagecache/) are invalidated on every content change; they also expire
# after PAGE_CACHE_SECONDS. Off in development, where templates change under the cache's feet.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0" if DEBUG else "3600"))
# How long a process trusts its copy of the content version before reading it again: the most a
# change made elsewhere (another server, a management command, the shell) can take to show.
PAGE_CACHE_VERSION_TTL = float(os.environ.get("PAGE_CACHE_VERSION_TTL", "1"))
# How long a process remembers whose a session is, so a logged-in reader's cached page costs no
# query (core/pagecache/personal.py). A logout, a deactivation or a new password is heard at once
# (they bump the sessions' version); this bounds only a session that ends otherwise (it expires,
# `clearsessions`, a deleted row).
PAGE_CACHE_READER_TTL = float(os.environ.get("PAGE_CACHE_READER_TTL", "300"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Files every browser asks for at the site's root (/favicon.ico), served by WhiteNoise as static.
WHITENOISE_ROOT = BASE_DIR / "core" / "root"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# In production the reverse proxy (config/nginx/site.conf) or S3 serves uploads, never the app
# workers: a few large downloads must not hold up the pages. Development serves them itself.
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
# Students' hand-ins (PDFs): outside MEDIA_ROOT, so neither nginx, S3 nor serve_media can reach
# them; only assignments.views.hand_in_file serves them, to the group and the teachers.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))
HAND_IN_MAX_BYTES = int(os.environ.get("HAND_IN_MAX_BYTES", str(8 * 1024 * 1024)))
if PRIVATE_MEDIA_ROOT.resolve().is_relative_to(MEDIA_ROOT.resolve()):
    raise ImproperlyConfigured("PRIVATE_MEDIA_ROOT must lie outside MEDIA_ROOT, which is served.")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

if os.environ.get("S3_BUCKET"):
    # Media on S3-compatible storage (django-storages), so app servers keep no files of their own.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["S3_BUCKET"],
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": os.environ.get("S3_CUSTOM_DOMAIN") or None,
            "file_overwrite": False,
            "querystring_auth": False,
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        },
    }

# Large enough for a pasted deck at its size cap; larger bodies get a 400, never a 500.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Chinese Cities <noreply@localhost>")
# E-mail is queued in the outbox and sent by `manage.py deliver_mail` (docs/operations.md,
# "E-mail"). In development a commit that queues mail also starts an in-process delivery thread.
# The site's public address, for the links in e-mail sent outside a request (notifications from
# the admin, `send_reminders` run by cron).
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")
OUTBOX_DELIVER_ON_COMMIT = env_bool("OUTBOX_DELIVER_ON_COMMIT", DEBUG)
OUTBOX_RETRY_SECONDS = int(os.environ.get("OUTBOX_RETRY_SECONDS", "60"))  # doubled per attempt
OUTBOX_MAX_DELAY = int(os.environ.get("OUTBOX_MAX_DELAY", "21600"))
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", "12"))

# Students log in with their username or their e-mail address (accounts/backends.py).
AUTHENTICATION_BACKENDS = ["accounts.backends.UsernameOrEmailBackend"]

# The live classroom (live/, docs/live.md). The presenter counts as live this long after a move;
# a stream sends a heartbeat comment this often, ends after LIVE_STREAM_SECONDS (the client
# reconnects after LIVE_RETRY_MS, resuming from its last event id) and, without Redis, reads the
# week's live row every LIVE_POLL_SECONDS.
LIVE_WINDOW_SECONDS = int(os.environ.get("LIVE_WINDOW_SECONDS", str(10 * 60)))
LIVE_HEARTBEAT_SECONDS = float(os.environ.get("LIVE_HEARTBEAT_SECONDS", "15"))
LIVE_STREAM_SECONDS = float(os.environ.get("LIVE_STREAM_SECONDS", str(5 * 60)))
LIVE_RETRY_MS = int(os.environ.get("LIVE_RETRY_MS", "1000"))
LIVE_POLL_SECONDS = float(os.environ.get("LIVE_POLL_SECONDS", "0.5"))
LIVE_CHANNEL_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "seminar") + ":live"
# Board posts per student and week: at most this many a minute, at least this many seconds apart.
LIVE_POSTS_PER_MINUTE = 5
LIVE_POST_GAP_SECONDS = 3

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "courses:list"

# Login throttling (accounts/throttle.py). Per account, across addresses: this many attempts are
# free, then each one waits 2, 4, 8 ... seconds, at most LOGIN_DELAY_CAP, after the one before; a
# successful login or password reset clears it. Per address only failures count: this many within
# the window (seconds) block the address for a window. Wrong enrolment keys count per address too.
# Counts live in the cache: share it (REDIS_URL) when several processes serve the site.
LOGIN_FAILURES_PER_USERNAME = 5
LOGIN_DELAY_CAP = 5 * 60
LOGIN_FAILURES_PER_ADDRESS = 100
LOGIN_FAILURE_WINDOW = 15 * 60
ENROL_FAILURES_PER_ADDRESS = 30

# Security: strict by default, relaxed only through the environment (plain-HTTP development).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Behind a reverse proxy: trust its X-Forwarded-Proto, and the client address it appends to
# X-Forwarded-For (login throttling counts per client address).
BEHIND_PROXY = env_bool("BEHIND_PROXY")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # Style attributes carry sanitised slide backgrounds and image widths; no inline scripts.
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "https:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

MARKDOWNX_MARKDOWNIFY_FUNCTION = "core.markdown.render_markdown"
MARKDOWNX_UPLOAD_CONTENT_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
