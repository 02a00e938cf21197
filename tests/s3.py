"""The test bucket; the fixtures ``s3_endpoint`` and ``s3`` are in conftest.py."""

BUCKET = "buurtaanpak-media"
S3_ENV = {
    "S3_BUCKET": BUCKET,
    "S3_REGION": "eu-central-1",
    "S3_ACCESS_KEY_ID": "portal",
    "S3_SECRET_ACCESS_KEY": "portal-secret",
    "S3_PREFIX": "media",
}


def object_keys(client) -> list[str]:
    listing = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return sorted(item["Key"] for item in listing)
